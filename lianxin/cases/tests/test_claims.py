"""Claims (认领, issue 20 item 4): a person or an organisation claims an open case that takes claims (a
micro-wish, a service project) up to its places; a repeated claim finds the first; a claim is withdrawn
before work starts and frees its place; another app refuses a claim through a guard; the rows follow the
events (rebuild); the claimant finds it under 我认领的; page and API offer exactly what the service takes."""

import pytest

from lianxin.cases import services
from lianxin.cases.engine import case_differences, claims_restore
from lianxin.cases.kinds import kind_spec
from lianxin.cases.models import Action, Case, CaseClaim, Category, Kind, State
from lianxin.cases.tests.pages import key, post_step
from lianxin.cases.transitions import allowed_steps
from lianxin.core.errors_domain import DomainError
from lianxin.notifications.models import Outbox
from lianxin.people.models import Post
from tests.api.conftest import api_as  # noqa: F401  (the API client fixture)
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


def _category(code, kind, **values) -> Category:
    return Category.objects.add_root({"code": code, "name": code, "kind": kind, **values})


@pytest.fixture
def wish(cast, places, clock) -> Case:
    """A resident's micro-wish in his building: one place to claim, as the kind says."""
    return services.case_report(
        cast.resident,
        category=_category("wish_books", Kind.MICRO_WISH),
        area=places.building,
        description="想给孩子借几本课外书",
    )


def _claims(case) -> int:
    return case.events.filter(action=Action.CLAIM).count()


def test_a_micro_wish_takes_one_claim_and_a_repeated_claim_finds_the_first(cast, wish):
    assert kind_spec(Kind.MICRO_WISH).claimable and wish.claim_capacity == 1
    # A volunteer over the community sees no residents' cases, but sees what is put up to be claimed.
    assert Case.objects.restrict(cast.volunteer).filter(pk=wish.pk).exists()
    assert "claim" in allowed_steps(cast.volunteer, wish)

    services.case_claim(cast.volunteer, case=wish, note="我来送书")
    again = services.case_claim(cast.volunteer, case=wish)
    assert again.claim_count == 1 and _claims(wish) == 1
    assert CaseClaim.objects.filter(case=wish, person=cast.volunteer.person).count() == 1

    with pytest.raises(DomainError) as full:
        services.case_claim(cast.community_secretary, case=wish)
    assert full.value.code == "invalid_state" and str(full.value.message) == "名额已满。"
    wish.refresh_from_db()
    assert "claim" not in allowed_steps(cast.community_secretary, wish)
    assert case_differences(wish) == {}


def test_a_withdrawn_claim_frees_its_place_and_rebuilds_from_the_events(cast, wish):
    services.case_claim(cast.volunteer, case=wish)
    assert "claim_withdraw" in allowed_steps(cast.volunteer, Case.objects.get(pk=wish.pk))
    services.case_claim_withdraw(cast.volunteer, case=wish, note="临时有事")
    wish.refresh_from_db()
    assert wish.claim_count == 0
    services.case_claim(cast.community_secretary, case=wish)
    wish.refresh_from_db()
    assert wish.claim_count == 1
    assert case_differences(wish) == {}

    # The rows are what the events say: rebuilt from scratch, they come back the same.
    before = sorted(CaseClaim.objects.filter(case=wish).values_list("person_id", "withdrawn_at", "event_id"))
    CaseClaim.objects.filter(case=wish).delete()
    assert "claims" in case_differences(wish)
    claims_restore(wish)
    after = sorted(CaseClaim.objects.filter(case=wish).values_list("person_id", "withdrawn_at", "event_id"))
    assert before == after and case_differences(wish) == {}

    with pytest.raises(DomainError) as nothing:
        services.case_claim_withdraw(cast.volunteer, case=wish)
    assert nothing.value.code == "invalid_state"


def test_no_claim_and_no_withdrawal_once_work_has_started(cast, wish):
    services.case_claim(cast.volunteer, case=wish)
    services.case_take(cast.grid_worker, case=wish)
    wish.refresh_from_db()
    assert wish.state == State.IN_PROGRESS
    for step in (services.case_claim_withdraw, services.case_claim):
        with pytest.raises(DomainError) as refused:
            step(cast.volunteer, case=wish)
        assert refused.value.code == "invalid_state"
    assert not {"claim", "claim_withdraw"} & set(allowed_steps(cast.volunteer, wish))
    # The claimant still follows what he claimed.
    assert Case.objects.restrict(cast.volunteer).filter(pk=wish.pk).exists()


def test_a_problem_takes_no_claims(cast, places, clock):
    light = services.case_report(
        cast.resident,
        category=Category.objects.get(code="stair_light"),
        area=places.building,
        description="楼道灯坏了",
    )
    assert light.claim_capacity is None
    with pytest.raises(DomainError) as refused:
        services.case_claim(cast.community_secretary, case=light)
    assert refused.value.code == "invalid_state"


def test_a_service_project_takes_the_places_staff_give_it(cast, places, clock):
    project = _category("tutoring", Kind.TASK, claim_capacity=5)
    case = services.case_report(
        cast.community_secretary,
        category=project,
        area=places.estate,
        description="暑期课业辅导志愿服务",
        claim_capacity=2,
    )
    assert case.claim_capacity == 2
    company = Post.objects.get(person=cast.property_staff.person).organisation
    provider = Post.objects.get(person=cast.provider_staff.person).organisation
    # Staff of one organisation cannot claim in another's name.
    with pytest.raises(DomainError) as refused:
        services.case_claim(cast.property_staff, case=case, organisation=provider)
    assert refused.value.code == "forbidden"
    services.case_claim(cast.community_secretary, case=case)
    services.case_claim(cast.property_staff, case=case, organisation=company)
    case.refresh_from_db()
    assert case.claim_count == 2
    assert case.claims.get(organisation=company).person_id is None
    with pytest.raises(DomainError) as full:
        services.case_claim(cast.grid_worker, case=case)
    assert full.value.code == "invalid_state"
    # Only staff set the places; a category's number is the default.
    with pytest.raises(DomainError) as resident:
        services.case_report(
            cast.resident,
            category=_category("wish_walk", Kind.MICRO_WISH),
            area=places.building,
            description="想有人陪我散步",
            claim_capacity=3,
        )
    assert resident.value.code == "forbidden"


def test_another_app_refuses_a_claim_with_its_reason(provision_app, cast, wish):
    with pytest.raises(DomainError) as refused:
        services.case_claim(cast.volunteer, case=wish)
    assert refused.value.code == "forbidden" and refused.value.message == "请先到社区报到"
    assert "claim" not in allowed_steps(cast.volunteer, wish)

    provision_app.REPORTED_IN.add(cast.volunteer.person_id)
    services.case_claim(cast.volunteer, case=wish)
    assert Case.objects.get(pk=wish.pk).claim_count == 1


def test_the_claimant_and_the_reporter_are_told_and_the_claim_is_listed(client_as, cast, wish):
    services.case_claim(cast.volunteer, case=wish)
    notice = Outbox.objects.filter(case=wish, verb="case_claimed").latest("id")
    assert wish.reporter_id in notice.targets["persons"]

    mine = client_as("volunteer").get("/cases/mine/?tab=claimed").content.decode()
    assert wish.title in mine
    assert wish.title not in client_as("volunteer").get("/cases/mine/").content.decode()


def test_the_page_and_the_api_claim_and_withdraw(api_as, client_as, cast, wish):  # noqa: F811
    client = client_as("volunteer")
    page = client.get(f"/cases/{wish.pk}/").content.decode()
    assert 'data-testid="step-claim"' in page and 'data-testid="case-claims"' in page
    response = post_step(client, wish, "claim", note="我来")
    assert response.status_code == 302
    assert Case.objects.get(pk=wish.pk).claim_count == 1

    api = api_as("volunteer")
    url = f"/api/v1/cases/{wish.pk}"
    body = api.get(url).json()
    wish.refresh_from_db()
    assert body["claim_count"] == 1 and body["allowed_steps"] == allowed_steps(cast.volunteer, wish)
    assert "claim_withdraw" in body["allowed_steps"]
    assert body["claims"][0]["person"]["name"] == cast.volunteer.person.name
    withdrawn = api.post(f"{url}/claim-withdraw", {}, content_type="application/json")
    assert withdrawn.status_code == 200 and withdrawn.json()["claim_count"] == 0

    api.post(f"{url}/claim", {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key())
    full = api_as("community_secretary").post(f"{url}/claim", {}, content_type="application/json")
    assert_error(full, 409, "invalid_state")
    listed = api.get("/api/v1/cases/", {"claimed": "true"}).json()["items"]
    assert [c["id"] for c in listed] == [wish.pk]
