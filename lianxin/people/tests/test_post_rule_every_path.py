"""Issue 18 findings 2 and 3: every path that creates, changes or ends a post goes through the posts' one
rule (``people.appointments.post_write_check``): nobody sets his own posts, no administrator gets a business
post, only a party member is a secretary. Sending down (page, API), the staff category change (page, API)
and a party organisation's secretary (service, API) are checked here; appointing, ending, the terms, the
admin and the import have their own tests (test_account_link, test_post_edit, test_separation_of_duties,
imports/tests/test_import_rights)."""

import pytest
from django.test import Client
from django.utils import timezone

from lianxin.core.errors_domain import DomainError
from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.party.services.orgs import party_org_edit
from lianxin.people.appointments import post_write_check
from lianxin.people.models import Post
from lianxin.people.models.staff_category import StaffCategoryChange
from lianxin.people.roles import Role
from lianxin.people.services.staff_category import staff_category_change, staff_send_down
from lianxin.tokens.services import token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(cast):
    def client_for(username: str) -> Client:
        _token, secret = token_create(actor=cast[username], name="tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return client_for


def _branch(world):
    return PartyOrg.objects.get(area=world.estates[0], kind=OrgKind.BRANCH)


def _edit_secretary(actor, org, person):
    return party_org_edit(
        actor=actor, org=org, name=org.name, kind=org.kind, parent=PartyOrg.objects.get_parent(org),
        area=org.area, secretary=person, field=org.field, sector=org.sector, setup_mode=org.setup_mode,
    )  # fmt: skip


# -- sending down ------------------------------------------------------------------------------------------


def test_a_secretary_does_not_send_himself_down_to_an_estate_by_page_or_api(client_as, api_as, cast, world):
    me = cast.community_secretary.person
    estate = world.estates[1]

    page = client_as("community_secretary").post(f"/people/{me.pk}/send-down/", {"estate": estate.pk})
    api = api_as("community_secretary").post(
        "/api/v1/staff-category-changes/send-down",
        {"person_id": me.pk, "estate_id": estate.pk},
        content_type="application/json",
    )

    assert page.status_code == 403
    assert api.status_code == 403
    assert api.json()["error"]["message"] == "任何人都不能任免或修改自己的岗位。"
    assert not Post.objects.filter(person=me, area=estate).exists()


def test_someone_else_sends_him_down(cast, world):
    me = cast.community_secretary.person
    post = staff_send_down(actor=cast.county_admin, person=me, estate=world.estates[1])
    assert (post.person, post.role, post.is_sent_down) == (me, Role.SECRETARY, True)


# -- staff category change ---------------------------------------------------------------------------------


@pytest.fixture
def own_grid_post(cast, world):
    """The community secretary also holds a full-time grid worker post over an estate of his community."""
    estate = world.estates[1]
    return Post.objects.create(
        person=cast.community_secretary.person,
        role=Role.GRID_WORKER,
        area=estate,
        area_path=estate.path,
        is_full_time=True,
        start_date=timezone.localdate() - timezone.timedelta(days=30),
    )


def test_nobody_changes_the_staff_category_of_his_own_post(client_as, api_as, own_grid_post):
    today = timezone.localdate().isoformat()
    page = client_as("community_secretary").post(
        f"/people/posts/{own_grid_post.pk}/category/", {"method": "selection", "on": today}
    )
    api = api_as("community_secretary").post(
        "/api/v1/staff-category-changes/",
        {"post_id": own_grid_post.pk, "method": "selection", "on": today},
        content_type="application/json",
    )

    assert page.status_code == 403
    assert api.status_code == 403
    own_grid_post.refresh_from_db()
    assert own_grid_post.end_date is None
    assert not StaffCategoryChange.objects.exists()


def test_the_street_secretary_changes_it(cast, own_grid_post):
    change = staff_category_change(actor=cast.street_secretary, post=own_grid_post, method="selection")
    assert change.to_post.role == Role.COMMUNITY_WORKER


# -- a party organisation's secretary ----------------------------------------------------------------------


def test_nobody_makes_himself_a_party_organisations_secretary(api_as, cast, world):
    branch = _branch(world)
    me = cast.community_secretary

    with pytest.raises(DomainError) as refused:
        _edit_secretary(me, branch, me.person)
    api = api_as("community_secretary").patch(
        f"/api/v1/party-orgs/{branch.pk}",
        {"name": branch.name, "kind": branch.kind, "area_id": branch.area_id, "secretary_id": me.person_id},
        content_type="application/json",
    )

    assert refused.value.code == "forbidden"
    assert api.status_code == 403
    assert not Post.objects.filter(person=me.person, party_org=branch).exists()


def test_nobody_ends_his_own_secretary_post_by_naming_another(cast, world):
    branch = _branch(world)
    me = cast.community_secretary
    Post.objects.filter(party_org=branch, role=Role.SECRETARY).delete()
    own = Post.objects.create(
        person=me.person, role=Role.SECRETARY, party_org=branch, party_org_path=branch.path,
        area_path=branch.area_path, start_date=timezone.localdate() - timezone.timedelta(days=30),
    )  # fmt: skip

    with pytest.raises(DomainError) as refused:
        _edit_secretary(me, branch, cast.grid_worker.person)

    assert refused.value.code == "forbidden"
    own.refresh_from_db()
    assert own.end_date is None
    assert not Post.objects.filter(person=cast.grid_worker.person, party_org=branch).exists()


def test_an_administrator_is_no_party_organisations_secretary(cast, world):
    branch = _branch(world)
    sysadmin = cast.sysadmin.person
    sysadmin.set_area(world.estates[0])  # within the secretary's scope, so only the rule refuses him
    sysadmin.save()
    Membership.objects.create(
        person=sysadmin, org=branch, org_path=branch.path, kind=MembershipKind.FULL, is_home=True
    )

    with pytest.raises(DomainError) as refused:
        _edit_secretary(cast.community_secretary, branch, sysadmin)

    assert (refused.value.code, refused.value.field) == ("forbidden", "secretary")
    assert not Post.objects.filter(person=sysadmin, party_org=branch).exists()


def test_only_a_party_member_is_a_party_organisations_secretary(cast, world):
    branch = _branch(world)
    resident = cast.resident.person
    Membership.objects.filter(person=resident).delete()

    with pytest.raises(DomainError) as refused:
        _edit_secretary(cast.community_secretary, branch, resident)

    assert (refused.value.code, refused.value.field) == ("not_a_member", "secretary")
    Membership.objects.create(
        person=resident, org=branch, org_path=branch.path, kind=MembershipKind.FULL, is_home=True
    )
    _edit_secretary(cast.community_secretary, branch, resident)
    assert Post.objects.current().filter(person=resident, party_org=branch, role=Role.SECRETARY).exists()


# -- a member's model post or responsibility area (P000-67) -----------------------------------------------


def test_nobody_designates_or_ends_his_own_member_post(cast, world):
    from lianxin.party.models.member_posts import MemberPost
    from lianxin.party.services.orgs import member_post_designate, member_post_end

    branch = _branch(world)
    me = cast.county_admin
    Membership.objects.create(
        person=me.person, org=branch, org_path=branch.path, kind=MembershipKind.FULL, is_home=True
    )

    with pytest.raises(DomainError) as refused:
        member_post_designate(actor=me, org=branch, kind="model_post", name="示范岗", holder=me.person)
    assert refused.value.code == "forbidden"
    assert not MemberPost.objects.filter(holder=me.person).exists()

    given = member_post_designate(
        actor=cast.street_secretary, org=branch, kind="model_post", name="示范岗", holder=me.person
    )
    with pytest.raises(DomainError):
        member_post_end(actor=me, member_post=given)
    given.refresh_from_db()
    assert given.ended_on is None


# -- the check itself --------------------------------------------------------------------------------------


def test_the_one_check_refuses_ones_own_post_and_a_business_post_for_an_administrator(cast):
    with pytest.raises(DomainError):
        post_write_check(actor=cast.community_secretary, person=cast.community_secretary.person)
    with pytest.raises(DomainError):
        post_write_check(actor=None, person=cast.auditor.person, role=Role.GRID_WORKER)
    post_write_check(actor=None, person=cast.grid_worker.person, role=Role.BUILDING_CAPTAIN)
