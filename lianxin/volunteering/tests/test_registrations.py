"""Volunteer and unit registration (双报到): the services with each refusal, scope per role, the API and
the pages."""

import pytest

from lianxin.audit.models import AuditRecord
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import Membership
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role
from lianxin.volunteering import selectors, services
from lianxin.volunteering.models import RegistrationStatus, UnitRegistration, VolunteerRegistration
from lianxin.volunteering.services.common import community_party_org

pytestmark = pytest.mark.django_db


def _codes(call):
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code, caught.value.message


def test_a_resident_registers_once_and_the_secretary_approves(cast, community):
    resident = cast.resident
    registration = services.volunteer_register(resident, kind="resident", skills="理发")
    assert registration.community == community
    assert registration.status == RegistrationStatus.PENDING
    code, message = _codes(lambda: services.volunteer_register(resident, kind="resident"))
    assert code == "invalid_state"
    assert community.name in message

    approved = services.volunteer_registration_approve(cast.community_secretary, registration=registration)
    assert approved.status == RegistrationStatus.APPROVED
    assert approved.decided_by == cast.community_secretary.person
    post = Post.objects.get(pk=approved.post_id)
    assert (post.role, post.area_id, post.person_id) == (Role.VOLUNTEER, community.pk, resident.person_id)
    assert approved.membership is None
    audited = AuditRecord.objects.filter(
        object_type="volunteering.volunteerregistration", object_id=str(registration.pk)
    )
    assert audited.count() == 2  # registered, approved
    code, _ = _codes(
        lambda: services.volunteer_registration_approve(cast.community_secretary, registration=registration)
    )
    assert code == "invalid_state"


def test_an_employed_member_gets_the_non_home_membership(member_user, community):
    from tests.personas import Cast

    secretary = Cast.load().community_secretary
    registration = services.volunteer_register(member_user, kind="member")
    home = Membership.objects.current().get(person=member_user.person, is_home=True)
    assert registration.home_org == home.org
    approved = services.volunteer_registration_approve(secretary, registration=registration)
    membership = approved.membership
    assert membership.org == community_party_org(community)
    assert membership.is_home is False
    assert membership.kind == home.kind
    # His home membership is untouched: he is still counted once, at home.
    assert Membership.objects.current().filter(person=member_user.person, is_home=True).count() == 1


def test_only_a_member_registers_as_one_and_only_with_a_home(cast, world):
    code, message = _codes(lambda: services.volunteer_register(cast.resident, kind="member"))
    assert code == "invalid" and "党员" in message
    code, _ = _codes(lambda: services.volunteer_register(cast.resident, kind="stranger"))
    assert code == "invalid"
    homeless = cast.sysadmin  # an administrator's blank person: no home recorded
    code, message = _codes(lambda: services.volunteer_register(homeless, kind="resident"))
    assert code == "invalid" and "居住" in message
    assert not VolunteerRegistration.objects.exists()


def test_refusal_needs_a_reason_and_closes_the_registration(cast):
    registration = services.volunteer_register(cast.resident, kind="resident")
    secretary = cast.community_secretary
    code, message = _codes(
        lambda: services.volunteer_registration_refuse(secretary, registration=registration, reason="  ")
    )
    assert code == "invalid" and "原因" in message
    refused = services.volunteer_registration_refuse(secretary, registration=registration, reason="资料不全")
    assert (refused.status, refused.reason) == (RegistrationStatus.REFUSED, "资料不全")
    code, _ = _codes(lambda: services.volunteer_registration_approve(secretary, registration=registration))
    assert code == "invalid_state"
    assert not Post.objects.filter(person=cast.resident.person, role=Role.VOLUNTEER).exists()
    # Refused, he may register again.
    assert services.volunteer_register(cast.resident, kind="resident").status == RegistrationStatus.PENDING


@pytest.mark.parametrize("who", ["grid_worker", "volunteer", "building_captain", "resident"])
def test_only_the_secretaries_and_the_department_decide(cast, who):
    registration = services.volunteer_register(cast.resident, kind="resident")
    code, _ = _codes(lambda: services.volunteer_registration_approve(cast[who], registration=registration))
    assert code == "forbidden"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_who_sees_a_registration(cast):
    registration = services.volunteer_register(cast.resident, kind="resident")
    for who in ("resident", "community_secretary", "street_secretary", "county_admin"):
        assert selectors.registrations_for(user=cast[who]).filter(pk=registration.pk).exists(), who
    # A volunteer over the community, the estate's grid worker, a courier and the administrators do not:
    # a registration names a resident.
    for who in ("volunteer", "grid_worker", "courier", "building_captain", "sysadmin", "provider_staff"):
        assert not selectors.registrations_for(user=cast[who]).filter(pk=registration.pk).exists(), who


def test_a_unit_registers_with_its_head(cast, community, unit_org):
    secretary = cast.community_secretary
    code, message = _codes(
        lambda: services.unit_register(
            secretary, unit_org=unit_org, unit_type="organ", community=community, head=cast.resident.person
        )
    )
    assert code == "invalid" and unit_org.name in message
    code, _ = _codes(
        lambda: services.unit_register(
            secretary, unit_org=unit_org, unit_type="bank", community=community, head=unit_org.head
        )
    )
    assert code == "invalid"
    code, _ = _codes(
        lambda: services.unit_register(
            cast.volunteer, unit_org=unit_org, unit_type="organ", community=community, head=unit_org.head
        )
    )
    assert code == "forbidden"
    registration = services.unit_register(
        secretary, unit_org=unit_org, unit_type="organ", community=community, head=unit_org.head
    )
    code, _ = _codes(
        lambda: services.unit_register(
            secretary, unit_org=unit_org, unit_type="organ", community=community, head=unit_org.head
        )
    )
    assert code == "invalid_state"
    code, _ = _codes(lambda: services.unit_registration_approve(cast.volunteer, registration=registration))
    assert code == "forbidden"
    code, _ = _codes(
        lambda: services.unit_registration_refuse(secretary, registration=registration, reason="")
    )
    assert code == "invalid"
    approved = services.unit_registration_approve(secretary, registration=registration)
    assert approved.status == RegistrationStatus.APPROVED
    code, _ = _codes(
        lambda: services.unit_registration_refuse(secretary, registration=registration, reason="重复")
    )
    assert code == "invalid_state"
    assert AuditRecord.objects.filter(object_type="volunteering.unitregistration").count() == 2
    for who in ("community_secretary", "county_admin"):
        assert selectors.unit_registrations_for(user=cast[who]).filter(pk=registration.pk).exists()
    for who in ("volunteer", "resident", "grid_worker"):
        assert not selectors.unit_registrations_for(user=cast[who]).filter(pk=registration.pk).exists()


def test_api_register_list_approve_refuse(client_as, cast):
    client = client_as("resident")
    created = client.post(
        "/api/v1/registrations/", {"kind": "resident", "skills": "维修"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    again = client.post("/api/v1/registrations/", {"kind": "resident"}, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "invalid_state"
    bad = client.post("/api/v1/registrations/", {"kind": "x"}, content_type="application/json")
    assert bad.status_code == 400
    pk = created.json()["id"]
    staff = client_as("community_secretary")
    listed = staff.get("/api/v1/registrations/?status=pending").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == pk
    refused = staff.post(
        f"/api/v1/registrations/{pk}/refuse", {"reason": ""}, content_type="application/json"
    )
    assert refused.status_code == 400
    approved = staff.post(f"/api/v1/registrations/{pk}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["post_id"]
    again = staff.post(f"/api/v1/registrations/{pk}/approve")
    assert again.status_code == 409
    volunteer = client_as("volunteer")
    assert volunteer.get("/api/v1/registrations/").json()["count"] == 0
    assert volunteer.post(f"/api/v1/registrations/{pk}/approve").status_code == 404


def test_api_unit_registration(client_as, community, unit_org):
    staff = client_as("community_secretary")
    body = {
        "unit_org_id": unit_org.pk,
        "unit_type": "organ",
        "community_id": community.pk,
        "head_id": unit_org.head.pk,
    }
    created = staff.post("/api/v1/unit-registrations/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert staff.post("/api/v1/unit-registrations/", body, content_type="application/json").status_code == 409
    missing = dict(body, community_id=999999)
    assert (
        staff.post("/api/v1/unit-registrations/", missing, content_type="application/json").status_code == 400
    )
    pk = created.json()["id"]
    refused = staff.post(
        f"/api/v1/unit-registrations/{pk}/refuse", {"reason": "不在本社区"}, content_type="application/json"
    )
    assert refused.json()["status"] == "refused"
    items = staff.get("/api/v1/unit-registrations/?status=refused").json()["items"]
    assert [i["id"] for i in items] == [pk]


def test_pages_register_vet_and_decide(client_as, cast, community):
    resident = client_as("resident")
    page = resident.get("/volunteering/register/")
    assert page.status_code == 200 and community.name in page.content.decode()
    assert resident.post("/volunteering/register/", {"kind": "resident"}).status_code == 302
    again = resident.post("/volunteering/register/", {"kind": "resident"})
    assert again.status_code == 409
    assert "已" in again.content.decode()
    assert resident.get("/volunteering/registrations/").status_code == 403
    registration = VolunteerRegistration.objects.get(person=cast.resident.person)

    staff = client_as("community_secretary")
    vetting = staff.get("/volunteering/registrations/")
    assert vetting.status_code == 200
    assert vetting.context["count"] == 1
    assert cast.resident.person.name in vetting.content.decode()
    refused = staff.post(f"/volunteering/registrations/{registration.pk}/refuse/", {"reason": ""})
    assert refused.status_code == 400
    assert staff.post(f"/volunteering/registrations/{registration.pk}/approve/").status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert staff.post(f"/volunteering/registrations/{registration.pk}/approve/").status_code == 409
    assert staff.get("/volunteering/registrations/").context["count"] == 0


def test_unit_page_registers_for_the_units_own_organisation(client, cast, community, unit_org):
    from lianxin.people.models import User

    secretary = Person.objects.create(name="住建支部书记", area=community, area_path=community.path)
    Membership.objects.create(
        person=secretary, org=unit_org, org_path=unit_org.path, area_path=community.path
    )
    Post.objects.create(
        person=secretary, role=Role.SECRETARY, party_org=unit_org, party_org_path=unit_org.path,
        area_path=unit_org.area_path,
    )  # fmt: skip
    user = User.objects.create(username="unit_secretary", person=secretary)
    client.force_login(user)
    page = client.get("/volunteering/units/")
    assert page.status_code == 200
    posted = client.post(
        "/volunteering/units/",
        {"unit_org": unit_org.pk, "unit_type": "organ", "community": community.pk, "head": unit_org.head.pk},
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    registration = UnitRegistration.objects.get(unit_org=unit_org)
    # The unit cannot approve itself: that is the community's staff.
    assert client.post(f"/volunteering/units/{registration.pk}/approve/").status_code == 403
    client.force_login(cast.community_secretary)
    assert client.get("/volunteering/units/").context["count"] == 1


def test_a_unit_contact_registers_his_unit_and_follows_his_members(client, cast, community, unit_org):
    """The unit contact (a read-only post on the unit's party organisation, through the rights registry)
    registers the unit and sees the registrations of the unit's members, not the community's residents."""
    from lianxin.core.rights import may
    from lianxin.people.models import User
    from lianxin.volunteering.permissions import UNIT_CONTACT, UNIT_REGISTER

    contact = Person.objects.create(name="单位联络员", area=community, area_path=community.path)
    Post.objects.create(
        person=contact, role=UNIT_CONTACT, party_org=unit_org, party_org_path=unit_org.path,
        area_path=unit_org.area_path,
    )  # fmt: skip
    contact_user = User.objects.create(username="unit_contact_test", person=contact)
    assert may(contact_user, UNIT_REGISTER, unit_org)
    registration = services.unit_register(
        contact_user, unit_org=unit_org, unit_type="organ", community=community, head=unit_org.head
    )
    code, _ = _codes(lambda: services.unit_registration_approve(contact_user, registration=registration))
    assert code == "forbidden"
    # One of the unit's members lives in the community and registers there as a member.
    member = Person.objects.create(name="住建局党员", area=community, area_path=community.path)
    Membership.objects.create(person=member, org=unit_org, org_path=unit_org.path, area_path=community.path)
    member_user = User.objects.create(username="unit_member", person=member)
    mine = services.volunteer_register(member_user, kind="member")
    resident = services.volunteer_register(cast.resident, kind="resident")
    seen = selectors.registrations_for(user=contact_user)
    assert list(seen) == [mine]
    assert resident not in seen
    # His service, as his unit follows it: a team, and a call-out answered on duty.
    from django.utils import timezone

    secretary = cast.community_secretary
    team = services.team_create(secretary, name="住建先锋队", kind="vanguard", area=community)
    services.team_member_add(secretary, team=team, person=member)
    callout = services.callout_create(
        secretary, team=team, kind="task", title="楼道清理", starts_at=timezone.now(), place="1号楼", needed=1
    )
    services.callout_answer(member_user, callout=callout, answer="on_duty")
    client.force_login(contact_user)
    page = client.get("/volunteering/units/")
    assert page.status_code == 200
    assert "住建局党员" in page.content.decode() and cast.resident.person.name not in page.content.decode()
    service = page.context["members"][0].service
    assert service == {"on_duty": 1, "visits": 0, "teams": 1, "services": 0, "points": 0}
