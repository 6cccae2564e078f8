"""The four roles (四大员, P002-58: 网格治理员, 流动宣传员, 文明巡视员, 安全监督员) use 随手拍 over their
area, and every report records the post its reporter acted in, on the case and its report event, shown on
the case page and in the API (issue 19)."""

from datetime import date

import pytest

from lianxin.cases import services
from lianxin.cases.models import Action, Case, Channel, ReporterGroup
from lianxin.cases.tests.pages import key, text
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import FOUR_ROLES, Role
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def _holder(role, area) -> User:
    person = Person.objects.create(name="新就业群体人员")
    person.set_area(area)
    person.save()
    Post.objects.create(person=person, role=role, area=area, area_path=area.path, start_date=date(2024, 1, 1))
    return User.objects.create(username=f"four-{role}", person=person)


@pytest.mark.parametrize("role", FOUR_ROLES)
def test_a_holder_of_the_four_roles_takes_a_snapshot_reported_in_his_role(client, places, clock, role):
    user = _holder(role, places.community)
    client.force_login(user)

    assert client.get("/cases/snapshot/").status_code == 200
    response = client.post(
        "/cases/snapshot/",
        {"category": category("safety").pk, "area": places.estate.pk, "idempotency_key": key()},
    )

    assert response.status_code == 302, text(response)
    case = Case.objects.get(reporter=user.person)
    assert case.area == places.estate
    assert (case.channel, case.reporter_group, case.reporter_role) == (
        Channel.SNAPSHOT,
        ReporterGroup.COURIER,
        role,
    )
    assert case.events.get(action=Action.REPORT).data["reporter_role"] == role
    label = str(Role(role).label)
    page = text(client.get(f"/cases/{case.pk}/"))
    assert 'data-testid="case-reporter-role"' in page
    body = client.get(f"/api/v1/cases/{case.pk}").json()
    assert body["reporter_role"] == role and body["reporter_role_label"] == label
    assert label != role  # shown in Chinese, not as a code


def test_the_acting_post_is_the_one_nearest_above_the_place(cast, places, clock):
    """A grid worker who is also a civility patroller of his community reports in his estate as grid
    worker, and elsewhere in the community as patroller; a resident reports in no post."""
    Post.objects.create(
        person=cast.grid_worker.person,
        role=Role.CIVILITY_PATROLLER,
        area=places.community,
        area_path=places.community.path,
        start_date=date(2024, 1, 1),
    )
    in_estate = services.case_report(
        cast.grid_worker, category=category("environment"), area=places.estate, description="垃圾堆放"
    )
    elsewhere = services.case_report(
        cast.grid_worker, category=category("environment"), area=places.other_estate, description="乱贴小广告"
    )
    resident = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏了"
    )

    assert in_estate.reporter_role == Role.GRID_WORKER
    assert elsewhere.reporter_role == Role.CIVILITY_PATROLLER
    assert resident.reporter_role == ""
    assert "reporter_role" not in resident.events.get(action=Action.REPORT).data
