"""Micro-wishes and service projects (issue 21, scenario 2 in the test world): only who has reported to a
community claims (403 请先到社区报到); a wish confirmed by the resident pays its claimer
LIANXIN_POINTS_PER_WISH once; a project of 4 places takes no fifth claimer (409 名额已满) and, accepted by
its issuer, pays each claimer hours × LIANXIN_POINTS_PER_HOUR."""

import pytest
from django.conf import settings

from lianxin.cases import services as cases
from lianxin.cases.models import Case, Category, State
from lianxin.cases.transitions import allowed_steps
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Person, User
from lianxin.points.models import PointsEntry
from lianxin.points.selectors.ledger import balance_of
from lianxin.points.services.ledger import points_award
from lianxin.volunteering import services
from lianxin.volunteering.models import RegistrationStatus, UnitRegistration, UnitType
from lianxin.volunteering.services.wishes import wish_claim, wish_file
from lianxin.volunteering.wishes import PROJECT_ROOT, claim_guard, wish_categories_ensure

pytestmark = pytest.mark.django_db


def _refused(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def _registered(user, secretary, kind="resident") -> User:
    registration = services.volunteer_register(user, kind=kind)
    services.volunteer_registration_approve(secretary, registration=registration)
    return user


def _resident_user(community, n: int) -> User:
    """A resident of the community without a post or an account, given one."""
    person = (
        Person.objects.filter(area_path__startswith=community.path, user__isnull=True, posts__isnull=True)
        .exclude(area_path=community.path)
        .order_by("id")[n]
    )
    return User.objects.create(username=f"neighbour{n}", person=person)


@pytest.fixture
def wish(cast, places, clock) -> Case:
    """李桂兰's wish, 孙女的书包, screened by the community."""
    wish_categories_ensure()
    case = cases.case_report(
        cast.resident,
        category=Category.objects.get(code="wish_study"),
        area=places.building,
        description="孙女的书包",
    )
    cases.case_accept(cast.community_secretary, case=case)
    case.refresh_from_db()
    return case


def test_a_wish_is_claimed_only_after_reporting_to_the_community(cast, wish, member_user):
    assert wish.claim_capacity == 1 and wish.state == State.ACCEPTED
    refused = _refused(lambda: wish_claim(member_user, case=wish))
    assert refused.code == "forbidden" and str(refused.message) == "请先到社区报到"
    # Someone who sees the wish through his post but has not reported: the guard refuses in the loop too.
    refused = _refused(lambda: cases.case_claim(cast.grid_worker, case=wish))
    assert refused.code == "forbidden" and str(refused.message) == "请先到社区报到"
    assert "claim" not in allowed_steps(cast.grid_worker, wish)
    wish.refresh_from_db()
    assert wish.claim_count == 0

    _registered(member_user, cast.community_secretary, kind="member")
    wish_claim(member_user, case=wish)
    wish.refresh_from_db()
    assert wish.claim_count == 1


def test_a_pending_registration_is_not_enough(cast, wish, member_user):
    services.volunteer_register(member_user, kind="member")
    refused = _refused(lambda: wish_claim(member_user, case=wish))
    assert refused.code == "forbidden"


def test_a_confirmed_wish_pays_its_claimer_once(cast, wish, member_user):
    _registered(member_user, cast.community_secretary, kind="member")
    cases.case_claim(member_user, case=wish)
    cases.case_dispatch(cast.community_secretary, case=wish, person=member_user.person)
    cases.case_take(member_user, case=wish)
    cases.case_handle(member_user, case=wish, note="书包已送到")
    wish.refresh_from_db()
    assert wish.state == State.HANDLED
    # Nothing is paid before the resident confirms.
    assert balance_of(member_user.person) == 0

    cases.case_rate(cast.resident, case=wish, rating="satisfied")
    wish.refresh_from_db()
    assert wish.state == State.CLOSED
    entry = PointsEntry.objects.get(key=f"wish:{wish.pk}")
    assert entry.amount == settings.LIANXIN_POINTS_PER_WISH
    assert balance_of(member_user.person) == settings.LIANXIN_POINTS_PER_WISH
    # The same key again: the first entry, nothing new.
    again = points_award(
        cast.resident,
        person=member_user.person,
        amount=settings.LIANXIN_POINTS_PER_WISH,
        key=f"wish:{wish.pk}",
        reason="微心愿",
        source_kind="micro_wish",
    )
    assert again.pk == entry.pk
    assert balance_of(member_user.person) == settings.LIANXIN_POINTS_PER_WISH


def test_a_resident_files_a_wish_for_his_home_in_a_wish_category(cast, clock):
    wish_categories_ensure()
    filed = wish_file(cast.resident, category=Category.objects.get(code="wish_goods"), description="一袋大米")
    assert filed.kind == "micro_wish" and filed.area_id == cast.resident.person.area_id
    assert filed.reporter_id == cast.resident.person_id
    refused = _refused(
        lambda: wish_file(cast.resident, category=Category.objects.get(code="stair_light"), description="灯")
    )
    assert refused.field == "category"


def test_an_unsatisfied_resident_pays_nothing(cast, wish):
    cases.case_claim(cast.volunteer, case=wish)
    cases.case_dispatch(cast.community_secretary, case=wish, person=cast.volunteer.person)
    cases.case_take(cast.volunteer, case=wish)
    cases.case_handle(cast.volunteer, case=wish, note="送了一个旧书包")
    cases.case_rate(cast.resident, case=wish, rating="unsatisfied", note="书包是坏的")
    assert not PointsEntry.objects.filter(key=f"wish:{wish.pk}").exists()


def test_a_unit_claims_once_its_party_organisation_has_reported(cast, wish, unit_org, community):
    organisation = cast.property_staff.person.posts.first().organisation
    assert claim_guard(user=None, case=wish, person=None, organisation=organisation.pk) == "请先到社区报到"
    unit_org.organisations.add(organisation)
    UnitRegistration.objects.create(
        unit_org=unit_org,
        unit_type=UnitType.SOE,
        community=community,
        head=unit_org.head,
        created_by=unit_org.head,
        status=RegistrationStatus.APPROVED,
    )
    assert claim_guard(user=None, case=wish, person=None, organisation=organisation.pk) == ""


def test_a_service_project_of_four_places_pays_each_claimer_its_hours(cast, places, clock, community):
    wish_categories_ensure()
    project = cases.case_report(
        cast.community_secretary,
        category=Category.objects.get(code=PROJECT_ROOT),
        area=places.estate,
        description="楼道杂物清理",
        extra={"hours": 2},
        claim_capacity=4,
    )
    claimers = [_registered(_resident_user(community, n), cast.community_secretary) for n in range(3)]
    unregistered = _resident_user(community, 3)
    # A grid worker sees the project through his post but has not reported: refused by the guard.
    refused = _refused(lambda: cases.case_claim(cast.grid_worker, case=project))
    assert refused.code == "forbidden" and str(refused.message) == "请先到社区报到"
    claimers.append(_registered(unregistered, cast.community_secretary))
    for user in claimers:
        cases.case_claim(user, case=project)
    full = _refused(lambda: cases.case_claim(cast.volunteer, case=project))
    assert full.code == "invalid_state" and str(full.message) == "名额已满。"

    cases.case_dispatch(cast.community_secretary, case=project, person=cast.grid_worker.person)
    cases.case_take(cast.grid_worker, case=project)
    cases.case_handle(cast.grid_worker, case=project, note="四位志愿者清理了楼道")
    assert not PointsEntry.objects.filter(source_kind="service_project").exists()
    cases.case_verify(cast.community_secretary, case=project, passed=True)
    project.refresh_from_db()
    assert project.state == State.CLOSED
    paid = 2 * settings.LIANXIN_POINTS_PER_HOUR
    for user in claimers:
        entry = PointsEntry.objects.get(key=f"project:{project.pk}:{user.person_id}")
        assert entry.amount == paid and balance_of(user.person) == paid
    assert not PointsEntry.objects.filter(account__person=cast.volunteer.person).exists()


def test_a_project_needs_its_hours(cast, places, clock):
    wish_categories_ensure()
    refused = _refused(
        lambda: cases.case_report(
            cast.community_secretary,
            category=Category.objects.get(code=PROJECT_ROOT),
            area=places.estate,
            description="楼道杂物清理",
        )
    )
    assert refused.field == "hours"


def test_the_wish_pages_file_refuse_and_claim(client, cast, wish, member_user):
    from django.urls import reverse

    from tests.personas import otp_verify_session

    client.force_login(cast.resident)
    otp_verify_session(client, cast.resident)
    page = client.get(reverse("volunteering:wishes"))
    assert page.status_code == 200 and "孙女的书包" in page.content.decode()
    filed = client.post(
        reverse("volunteering:wishes"),
        {
            "category": Category.objects.get(code="wish_company").pk,
            "description": "周末陪老人聊天",
            "idempotency_key": "k1",
        },
    )
    assert filed.status_code == 302
    assert Case.objects.filter(description="周末陪老人聊天", reporter=cast.resident.person).count() == 1

    client.force_login(member_user)
    claim = reverse("volunteering:wish_claim", args=[wish.pk])
    refused = client.post(claim, {"idempotency_key": "c1"})
    assert refused.status_code == 403 and "请先到社区报到" in refused.content.decode()
    assert client.post(reverse("volunteering:wish_claim", args=[999999])).status_code == 404
    _registered(member_user, cast.community_secretary, kind="member")
    page = client.get(reverse("volunteering:wishes"))
    assert "孙女的书包" in page.content.decode()
    assert client.post(claim, {"idempotency_key": "c2"}).status_code == 302
    wish.refresh_from_db()
    assert wish.claim_count == 1
    assert "孙女的书包" in client.get(reverse("volunteering:wishes")).content.decode()


def test_the_wishes_page_is_in_the_menu_of_everyone_with_a_person(cast):
    from lianxin.core.navigation import nav_for_user

    for user in (cast.resident, cast.volunteer):
        keys = [item["key"] for section in nav_for_user(user)["sections"] for item in section["items"]]
        assert "wishes" in keys


def test_the_whole_wish_loop_from_the_page(client, cast, places, clock, member_user):
    from django.urls import reverse

    from tests.personas import otp_verify_session

    wish_categories_ensure()
    _registered(member_user, cast.community_secretary, kind="member")
    case = cases.case_report(
        cast.resident,
        category=Category.objects.get(code="wish_study"),
        area=places.building,
        description="孙女的书包",
    )
    page = reverse("volunteering:wishes")
    step = reverse("volunteering:wish_step", args=[case.pk])

    def as_user(user):
        client.force_login(user)
        otp_verify_session(client, user)

    as_user(cast.community_secretary)
    assert 'data-testid="wishes-to-screen"' in client.get(page).content.decode()
    assert client.post(step, {"step": "accept", "idempotency_key": "s1"}).status_code == 302
    as_user(member_user)
    assert client.post(reverse("volunteering:wish_claim", args=[case.pk])).status_code == 302
    # Only staff hand it over: the claimer is refused by the case loop's rule.
    assert client.post(step, {"step": "assign"}).status_code == 403
    as_user(cast.community_secretary)
    assert 'data-testid="wishes-to-assign"' in client.get(page).content.decode()
    assert client.post(step, {"step": "assign", "idempotency_key": "s2"}).status_code == 302
    as_user(member_user)
    assert 'data-testid="wish-fulfil"' in client.get(page).content.decode()
    assert client.post(step, {"step": "fulfil", "note": "", "idempotency_key": "s3"}).status_code == 400
    assert (
        client.post(step, {"step": "fulfil", "note": "书包已送到", "idempotency_key": "s4"}).status_code
        == 302
    )
    # Confirmation is the resident's.
    assert client.post(step, {"step": "confirm"}).status_code == 403
    assert balance_of(member_user.person) == 0
    as_user(cast.resident)
    assert 'data-testid="wish-confirm"' in client.get(page).content.decode()
    assert client.post(step, {"step": "confirm", "idempotency_key": "s5"}).status_code == 302
    assert client.post(step, {"step": "confirm", "idempotency_key": "s5"}).status_code == 302
    case.refresh_from_db()
    assert case.state == State.CLOSED
    assert balance_of(member_user.person) == settings.LIANXIN_POINTS_PER_WISH
    assert client.post(step, {"step": "nonsense"}).status_code == 404


def test_the_members_unit_sees_the_service_he_completed_and_the_points_it_earned(cast, wish, member_user):
    """Scenario 2's close: the unit's page shows its member's completed services and points earned; a
    claim on a wish not yet confirmed is not a completed service."""
    from lianxin.volunteering.selectors.registrations import service_records

    _registered(member_user, cast.community_secretary, kind="member")
    cases.case_claim(member_user, case=wish)
    cases.case_dispatch(cast.community_secretary, case=wish, person=member_user.person)
    cases.case_take(member_user, case=wish)
    cases.case_handle(member_user, case=wish, note="书包已送到")
    pid = member_user.person_id
    assert service_records([pid])[pid] == {"on_duty": 0, "visits": 0, "teams": 0, "services": 0, "points": 0}
    cases.case_rate(cast.resident, case=wish, rating="satisfied")
    record = service_records([pid])[pid]
    assert (record["services"], record["points"]) == (1, settings.LIANXIN_POINTS_PER_WISH)


def test_a_volunteer_finds_and_claims_a_service_project_on_the_wishes_page(client, cast, places, clock):
    """The 微心愿 page lists the community's open service projects with their hours and places left; the
    volunteer claims one there and it moves to his own list, with one place fewer."""
    from django.urls import reverse

    from tests.personas import otp_verify_session

    wish_categories_ensure()
    project = cases.case_report(
        cast.community_secretary,
        category=Category.objects.get(code=PROJECT_ROOT),
        area=places.estate,
        description="楼道杂物清理",
        extra={"hours": 2},
        claim_capacity=4,
    )
    _registered(cast.volunteer, cast.community_secretary)
    client.force_login(cast.volunteer)
    otp_verify_session(client, cast.volunteer)
    page = client.get(reverse("volunteering:wishes"))
    assert [p.pk for p in page.context["open_projects"]] == [project.pk]
    assert "剩余 4 个名额" in page.content.decode()
    claimed = client.post(reverse("volunteering:wish_claim", args=[project.pk]), {"idempotency_key": "p1"})
    assert claimed.status_code == 302
    project.refresh_from_db()
    assert project.claim_count == 1
    page = client.get(reverse("volunteering:wishes"))
    assert page.context["open_projects"] == []
    assert [p.pk for p in page.context["claimed_projects"]] == [project.pk]
    # A resident's scope does not reach the project: not his to claim.
    client.force_login(cast.resident)
    otp_verify_session(client, cast.resident)
    assert client.post(reverse("volunteering:wish_claim", args=[project.pk])).status_code == 404


def test_the_community_reads_who_claimed_a_wish_on_its_page(client, cast, wish, member_user):
    """A person's claim names him on the case page (a filter argument looked up the claim's missing
    organisation and failed the page)."""
    from tests.personas import otp_verify_session

    _registered(member_user, cast.community_secretary, kind="member")
    cases.case_claim(member_user, case=wish)
    client.force_login(cast.community_secretary)
    otp_verify_session(client, cast.community_secretary)
    page = client.get(f"/cases/{wish.pk}/")
    assert page.status_code == 200
    claims = page.content.decode().split('data-testid="case-claims"')[1].split("</dd>")[0]
    assert member_user.person.name in claims
