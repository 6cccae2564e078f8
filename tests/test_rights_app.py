"""A new role, added by a new app (``tests/rights_app``) without editing any other app: it is a choice of
``Post.role`` with no migration, its posts open their scope by its ``RoleRule``, it may do what the rights
table grants it (another app's capability and its own) where its post reaches, and the authorization matrix
expects it right on every route named by those capabilities."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from lianxin.areas.models import Place, PlaceActivity, PlaceFunction
from lianxin.areas.place_activities import place_activity_record
from lianxin.core.access import tables
from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import capabilities_unregistered, capability, may
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import role_choices, role_label
from tests.rights_app.rights import INSPECT, STEWARD, place_inspect
from tests.test_authorization_matrix import routes_requested_as

pytestmark = pytest.mark.django_db


def _steward(area, username="steward"):
    person = Person.objects.create(name="阵地管理员甲")
    Post.objects.create(person=person, role=STEWARD, area=area, area_path=area.path)
    return User.objects.create(username=username, person=person)


@pytest.fixture
def secretary_area(cast):
    """Where the demo community secretary's post stands: the steward is put there too."""
    return Post.objects.current().get(person=cast.community_secretary.person).area


def _centre(area):
    place = Place.objects.filter(area=area).order_by("id").first()
    place.functions.set([PlaceFunction.objects.get(code="party_education")])
    return place


def test_the_role_is_a_post_choice_without_a_migration():
    assert (STEWARD, "station steward") in role_choices()
    assert role_label(STEWARD) == "station steward"
    out = StringIO()
    call_command("makemigrations", "people", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
    assert STEWARD in capability("place.record_activity").roles
    assert capabilities_unregistered() == []


def test_the_role_is_offered_by_the_appointment_page_and_the_import():
    from lianxin.imports.specs.base import choice_lookup
    from lianxin.imports.specs.persons import ROLES
    from lianxin.people.appointments import appointable_roles

    assert STEWARD in dict(appointable_roles())
    assert choice_lookup(ROLES)["stationsteward"] == STEWARD


def test_a_steward_records_an_activity_where_his_post_reaches_and_nowhere_else(world, secretary_area):
    steward = _steward(secretary_area)
    place = _centre(secretary_area)
    assert user_context(steward).roles == {STEWARD}
    function = place.functions.get()
    activity = place_activity_record(
        actor=steward,
        place=place,
        function=function,
        title="主题党日",
        held_on=date(2025, 6, 1),
        participants=9,
    )
    assert PlaceActivity.objects.filter(pk=activity.pk, recorded_by=steward).exists()
    assert place_inspect(steward, place=place) == place.name

    elsewhere = next(c for c in world.communities if not c.path.startswith(secretary_area.path))
    other = _centre(elsewhere)
    assert not may(steward, "place.record_activity", other)
    with translation.override("zh-hans"), pytest.raises(DomainError) as refused:
        place_inspect(steward, place=other)
    assert refused.value.code == "forbidden" and "您的岗位不能" in refused.value.message


def test_a_grid_worker_lacks_the_apps_own_capability(cast, secretary_area):
    place = _centre(secretary_area)
    assert may(cast.community_secretary, INSPECT, place)
    assert not may(cast.grid_worker, INSPECT, place)


def test_the_matrix_expects_the_new_role_right_on_the_routes_of_its_capabilities(world, cast, secretary_area):
    from types import SimpleNamespace

    steward = _steward(secretary_area, username="matrix_steward")
    _centre(secretary_area)
    held = user_context(steward).roles
    granted = {name for name in ("place.record_activity", INSPECT) if held & capability(name).roles}
    table = {route: rule for route, rule in tables().items() if rule.capabilities() & granted}
    assert "areas/places/<int:pk>/activities/new/" in table
    w = SimpleNamespace(world=world, cast=cast)
    wrong = routes_requested_as(steward, w, table, located_as="community_secretary")
    assert wrong == [], "\n".join(wrong)
