"""Random sequences of steps by random members of the cast never break the loop's invariants: the row is
always what its events say, a closed case (other than a task) has a rating or an automatic one, nobody acts
on a case outside his scope, and nothing but a DomainError ever comes back for a refused step. The walk
follows the transitions table (cases/transitions.py): every event moves the case as a row of the table
says, and a step that succeeds was among the steps ``allowed_steps`` offered its actor just before."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lianxin.cases import clock as case_clock
from lianxin.cases import services
from lianxin.cases.engine import case_differences
from lianxin.cases.models import Case, Kind, Rating, State
from lianxin.cases.transitions import allowed_steps, leads_to
from lianxin.core.errors_domain import DomainError
from lianxin.people.selectors import user_caches_clear
from tests.cases_world import MONDAY_10, category, department

ROLES = [
    "resident",
    "building_captain",
    "grid_worker",
    "community_secretary",
    "street_secretary",
    "county_admin",
    "property_staff",
    "dept_staff",
    "courier",
    "volunteer",
    "sysadmin",
]
STEPS = [
    "accept",
    "reject",
    "dispatch_auto",
    "dispatch_company",
    "take",
    "return",
    "return_dispute",
    "return_uphold",
    "return_overrule",
    "escalate",
    "whistle",
    "respond",
    "handle",
    "verify_pass",
    "verify_fail",
    "rate_ok",
    "rate_bad",
    "reopen",
    "supervise",
    "extend",
    "extend_ok",
    "comment",
    "time_passes",
    "auto_jobs",
]
# Who would naturally take each step: half the draws use him, so that sequences get deep into the loop,
# the other half a random member of the cast, so that refusals and scope are tried all along the way.
NATURAL = {
    "accept": "community_secretary",
    "reject": "community_secretary",
    "dispatch_auto": "community_secretary",
    "dispatch_company": "community_secretary",
    "take": "building_captain",
    "return": "building_captain",
    "return_dispute": "community_secretary",
    "return_uphold": "street_secretary",
    "return_overrule": "street_secretary",
    "escalate": "building_captain",
    "whistle": "street_secretary",
    "respond": "dept_staff",
    "handle": "building_captain",
    "verify_pass": "community_secretary",
    "verify_fail": "community_secretary",
    "rate_ok": "resident",
    "rate_bad": "resident",
    "reopen": "resident",
    "supervise": "street_secretary",
    "extend": "building_captain",
    "extend_ok": "community_secretary",
    "comment": "grid_worker",
    "time_passes": "resident",
    "auto_jobs": "resident",
}
CATEGORIES = ["stair_light", "water_leak", "cleaning", "fire_lane", "neighbour_dispute", "road_damage"]


def _do(step, user, case, *, company, zhujian, zhifa):
    s = services
    calls = {
        "accept": lambda: s.case_accept(user, case=case),
        "reject": lambda: s.case_reject(user, case=case, reason="不属于受理范围"),
        "dispatch_auto": lambda: s.case_dispatch(user, case=case, auto=True),
        "dispatch_company": lambda: s.case_dispatch(user, case=case, organisation=company),
        "take": lambda: s.case_take(user, case=case),
        "return": lambda: s.case_return(user, case=case, reason="派错了"),
        "return_dispute": lambda: s.case_return_dispute(user, case=case, note="没派错"),
        "return_uphold": lambda: s.case_return_decide(user, case=case, upheld=True),
        "return_overrule": lambda: s.case_return_decide(user, case=case, upheld=False),
        "escalate": lambda: s.case_escalate(user, case=case, note="需要上级"),
        "whistle": lambda: s.case_whistle(user, case=case, lead=zhifa, assists=[zhujian], note="吹哨"),
        "respond": lambda: s.case_respond(user, case=case, note="已报到"),
        "handle": lambda: s.case_handle(user, case=case, note="已处置", outcome="mediated"),
        "verify_pass": lambda: s.case_verify(user, case=case, passed=True),
        "verify_fail": lambda: s.case_verify(user, case=case, passed=False, note="没修好"),
        "rate_ok": lambda: s.case_rate(user, case=case, rating=Rating.SATISFIED),
        "rate_bad": lambda: s.case_rate(user, case=case, rating=Rating.UNSATISFIED, note="不满意"),
        "reopen": lambda: s.case_reopen(user, case=case, reason="又坏了"),
        "supervise": lambda: s.case_supervise(user, case=case, note="请加快"),
        "extend": lambda: s.case_extend_request(user, case=case, days=2, reason="等材料"),
        "extend_ok": lambda: s.case_extend_decide(user, case=case, approve=True),
        "comment": lambda: s.case_comment(user, case=case, note="已电话联系"),
    }
    return calls[step]()


# The step that moves a case on from each state, drawn often so that sequences reach the far end.
NEXT = {
    State.REPORTED: "accept",
    State.ACCEPTED: "dispatch_auto",
    State.DISPATCHED: "take",
    State.IN_PROGRESS: "handle",
    State.HANDLED: "verify_pass",
    State.VERIFIED: "rate_ok",
    State.CLOSED: "reopen",
}
HANDLER_STEPS = {"take", "return", "escalate", "handle", "extend", "respond"}
# The user step (page form, API endpoint, ``allowed_steps``) each drawn step is.
PAGE_STEP = {
    "dispatch_auto": "dispatch",
    "dispatch_company": "dispatch",
    "return_uphold": "return_decide",
    "return_overrule": "return_decide",
    "verify_pass": "verify",
    "verify_fail": "verify",
    "rate_ok": "rate",
    "rate_bad": "rate",
    "extend": "extend_request",
    "extend_ok": "extend_decide",
}


def _natural(step, case, cast):
    """The member of the cast who holds the case where it is now, for the handler's steps."""
    if step not in HANDLER_STEPS:
        return cast[NATURAL[step]]
    if case.handler_person_id:
        for user in cast:
            if user.person_id == case.handler_person_id:
                return user
    if case.handler_organisation_id:
        return cast.property_staff
    if case.handler_department_id:
        return cast.dept_staff
    if case.handler_area_path and len(case.handler_area_path) <= 12:
        return cast.street_secretary
    return cast.community_secretary


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    category_code=st.sampled_from(CATEGORIES),
    steps=st.lists(
        st.tuples(st.sampled_from(["next"] * 8 + STEPS), st.sampled_from(ROLES), st.booleans()),
        min_size=1,
        max_size=25,
    ),
)
def test_random_steps_by_random_roles_keep_every_invariant(cast, places, world, category_code, steps):
    from datetime import timedelta

    company = cast.property_staff.person.posts.get().organisation
    zhujian, zhifa = department("zhujian", world.county), department("zhifa", world.county)
    with transaction.atomic():
        now = MONDAY_10
        case_clock.set_now(now)
        try:
            case = services.case_report(
                cast.resident, category=category(category_code), area=places.building, description="随机诉求"
            )
            for step, role, natural in steps:
                if step == "next":
                    step, natural = NEXT.get(case.state, "comment"), True
                user = _natural(step, case, cast) if natural else cast[role]
                user_caches_clear(user)
                if step == "time_passes":
                    now += timedelta(days=3)
                    case_clock.set_now(now)
                    continue
                if step == "auto_jobs":
                    services.cases_mark_overdue()
                    services.cases_auto_rate()
                else:
                    could_see = Case.objects.restrict(user).filter(pk=case.pk).exists()
                    offered = allowed_steps(user, case) if could_see else []
                    before = case.event_count
                    try:
                        _do(step, user, case, company=company, zhujian=zhujian, zhifa=zhifa)
                    except DomainError as refusal:
                        assert refusal.message  # a Chinese message for the person refused
                    case.refresh_from_db()
                    if case.event_count > before:
                        assert could_see, f"{user.username} took {step} on a case outside his scope"
                        name = PAGE_STEP.get(step, step)
                        assert name in offered, f"{user.username} took {name}, not offered ({offered})"
                case.refresh_from_db()
                assert case_differences(case) == {}
                if case.state == State.CLOSED and case.kind != Kind.TASK:
                    assert case.rating in Rating.values, "a closed case has a rating or an automatic one"
            for e in case.events.order_by("seq"):
                assert leads_to(e.from_state, e.action, e.to_state), (
                    f"{e.action} from {e.from_state} to {e.to_state} is not in the transitions table"
                )
            event(f"ended {case.state}")
        finally:
            case_clock.set_now(None)
            transaction.set_rollback(True)
