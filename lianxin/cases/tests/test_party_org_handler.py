"""A case handed to a party organisation (issue 20 item 4): a task force, a branch, any party organisation
the dispatcher's posts reach. Its post holders see the case (and keep seeing it after it moves on), find
it on their to-do list, take and handle it, and are told when it is sent to them; nobody else gains
anything."""

import uuid
from datetime import date

import pytest

from lianxin.cases import services
from lianxin.cases.engine import case_differences
from lianxin.cases.models import Case, HandlerType, HandlingLevel, State
from lianxin.cases.permissions import is_current_handler
from lianxin.cases.tests.pages import hotline_case, post_step
from lianxin.cases.transitions import allowed_steps
from lianxin.core.errors_domain import DomainError
from lianxin.notifications.models import Outbox
from lianxin.party.models import Field, OrgKind, PartyOrg
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from tests.api.conftest import api_as  # noqa: F401  (the API client fixture)

pytestmark = pytest.mark.django_db


def _task_force(area, name="道路整治专班") -> PartyOrg:
    root = PartyOrg.objects.get(depth=1)
    values = {"kind": OrgKind.TASK_FORCE, "name": name, "area": area, "area_path": area.path}
    return PartyOrg.objects.add_child(root, {**values, "field": Field.COMMUNITY})


def _holder(org: PartyOrg, role=Role.SECRETARY) -> User:
    person = Person.objects.create(name=f"{org.name}{Role(role).label}")
    Post.objects.create(
        person=person,
        role=role,
        party_org=org,
        party_org_path=org.path,
        area_path=org.area_path,
        start_date=date(2024, 1, 1),
    )
    return User.objects.create(username=f"po-{uuid.uuid4().hex[:10]}", person=person)


@pytest.fixture
def task_force(places):
    return _task_force(places.community)


def test_a_case_sent_to_a_task_force_is_its_holders_to_work(client, cast, places, clock, task_force):
    leader = _holder(task_force)
    member = _holder(task_force, Role.COMMITTEE_MEMBER)
    case = hotline_case(cast, places)
    assert Case.objects.restrict(leader).filter(pk=case.pk).count() == 0  # nothing before it is sent

    services.case_dispatch(cast.community_secretary, case=case, party_org=task_force)
    case.refresh_from_db()
    assert case.handler_type == HandlerType.PARTY_ORG and case.handler_party_org == task_force
    assert case.handling_level == HandlingLevel.COMMUNITY and case.handler_label == task_force.name
    assert is_current_handler(leader, case) and is_current_handler(member, case)
    assert not is_current_handler(cast.grid_worker, case)
    # Its post holders are told, by name, as a department's staff would be.
    sent = Outbox.objects.filter(case=case, verb="case_sent").latest("id")
    assert sorted(sent.targets["persons"]) == sorted([leader.person_id, member.person_id])

    client.force_login(leader)
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    todo = client.get("/cases/todo/").content.decode()
    assert case.title in todo
    assert {"take", "return"} <= set(allowed_steps(leader, case))
    post_step(client, case, "take", note="专班接单")
    services.case_handle(member, case=case, note="已组织修补路面")
    case.refresh_from_db()
    assert case.state == State.HANDLED
    assert case_differences(case) == {}


def test_the_task_force_keeps_seeing_a_case_it_returned(client, cast, places, clock, task_force):
    leader = _holder(task_force)
    case = hotline_case(cast, places)
    services.case_dispatch(cast.community_secretary, case=case, party_org=task_force)
    services.case_return(leader, case=case, reason="不属于专班职责")
    case.refresh_from_db()
    assert case.state == State.ACCEPTED and case.handler_type == HandlerType.AREA
    assert not is_current_handler(leader, case)
    assert Case.objects.restrict(leader).filter(pk=case.pk).exists()
    # A read: the scope opens it for reading only; no step of a handler is offered.
    assert not {"take", "handle", "return", "escalate"} & set(allowed_steps(leader, case))
    assert case_differences(case) == {}


def test_a_party_organisation_out_of_the_dispatchers_reach_is_refused(cast, places, clock):
    far = _task_force(places.other_community_estate, name="外街道专班")
    case = hotline_case(cast, places)
    with pytest.raises(DomainError) as refused:
        services.case_dispatch(cast.community_secretary, case=case, party_org=far)
    assert refused.value.field == "target"
    case.refresh_from_db()
    assert case.state == State.REPORTED
    # Someone holding a post in no organisation the case was sent to sees nothing of it.
    assert not Case.objects.restrict(_holder(far)).filter(pk=case.pk).exists()


def test_the_dispatch_form_and_the_api_offer_and_take_a_party_organisation(
    api_as,  # noqa: F811
    client_as,
    cast,
    places,
    clock,
    task_force,
):
    case = hotline_case(cast, places)
    client = client_as("community_secretary")
    value = f"party_org:{task_force.pk}"
    assert value in client.get(f"/cases/{case.pk}/").content.decode()
    post_step(client, case, "accept", note="已受理")
    post_step(client, case, "dispatch", target=value)
    case.refresh_from_db()
    assert case.handler_party_org == task_force

    other = hotline_case(cast, places, description="来电：路灯不亮")
    body = api_as("community_secretary").post(
        f"/api/v1/cases/{other.pk}/dispatch", {"party_org": task_force.pk}, content_type="application/json"
    )
    assert body.status_code == 200, body.content
    assert body.json()["handler_type"] == HandlerType.PARTY_ORG
    assert body.json()["handler_label"] == task_force.name
