"""Pairings ("1+N帮1": 409 该居民已有结对), their visits, the unpaired households in need per area;
co-building agreements and people sent down: services, scope per role, API and pages."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lianxin.areas.models import Household, HouseholdTag
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.party.models import PartyOrg
from lianxin.volunteering import selectors, services
from lianxin.volunteering.models import Pairing

pytestmark = pytest.mark.django_db


def _code(call):
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code, caught.value.message


@pytest.fixture
def needy(community):
    """Four households of the community, the first three tagged as in need (独居老人)."""
    tag = HouseholdTag.objects.get(code="lone_elderly")
    households = list(Household.objects.filter(under("area_path", community.path)).order_by("id")[:4])
    for household in households[:3]:
        household.tags.add(tag)
    return households


def _pair(cast, household, **kwargs):
    values = {"captain": cast.building_captain.person, "volunteers": [cast.volunteer.person]}
    return services.pairing_create(cast.community_secretary, household=household, **{**values, **kwargs})


def test_pair_a_household_once_and_count_the_unpaired(cast, community, needy):
    secretary = cast.community_secretary
    before = selectors.unpaired_households(user=secretary, root=community).count()
    pairing = _pair(cast, needy[0])
    assert selectors.unpaired_households(user=secretary, root=community).count() == before - 1
    assert set(pairing.volunteers.all()) == {cast.volunteer.person}
    code, message = _code(lambda: _pair(cast, needy[0], volunteers=[]))
    assert (code, message) == ("invalid_state", "该居民已有结对。")
    code, _ = _code(lambda: _pair(cast, needy[3]))  # not tagged as in need
    assert code == "invalid"
    code, _ = _code(lambda: _pair(cast, needy[1], volunteers=[cast.building_captain.person]))
    assert code == "invalid"
    code, _ = _code(
        lambda: services.pairing_create(
            cast.volunteer, household=needy[1], captain=cast.building_captain.person, volunteers=[]
        )
    )
    assert code == "invalid"  # the household is outside a volunteer's scope
    rows = selectors.unpaired_by_area(user=secretary, root=community)
    assert sum(r["unpaired"] for r in rows) == before - 1
    assert sum(r["paired"] for r in rows) == 1
    # Ended, the household may be paired again.
    services.pairing_end(secretary, pairing=pairing)
    assert _pair(cast, needy[0]).pk != pairing.pk


def test_visits_are_logged_by_the_captain_and_the_volunteers(cast, needy):
    pairing = _pair(cast, needy[0])
    visit = services.pairing_visit_log(cast.volunteer, pairing=pairing, note="送米面油")
    assert visit.visitor == cast.volunteer.person
    services.pairing_visit_log(cast.building_captain, pairing=pairing)
    code, _ = _code(lambda: services.pairing_visit_log(cast.resident, pairing=pairing))
    assert code == "forbidden"
    tomorrow = timezone.localdate() + timedelta(days=1)
    code, _ = _code(lambda: services.pairing_visit_log(cast.volunteer, pairing=pairing, visited_on=tomorrow))
    assert code == "invalid"
    services.pairing_end(cast.community_secretary, pairing=pairing)
    code, _ = _code(lambda: services.pairing_visit_log(cast.volunteer, pairing=pairing))
    assert code == "invalid_state"
    assert pairing.visits.count() == 2


def test_who_sees_a_pairing(cast, needy):
    pairing = _pair(cast, needy[0])
    # The volunteer sees the pairing he is in (the household it serves), and no other household in need.
    for who in ("community_secretary", "county_admin", "volunteer", "building_captain"):
        assert selectors.pairings_for(user=cast[who]).filter(pk=pairing.pk).exists(), who
    for who in ("resident", "courier", "provider_staff", "sysadmin"):
        assert not selectors.pairings_for(user=cast[who]).filter(pk=pairing.pk).exists(), who
    assert selectors.unpaired_households(user=cast.volunteer).count() == 0
    assert selectors.unpaired_households(user=cast.courier).count() == 0


@pytest.fixture
def community_org(community):
    return PartyOrg.objects.get(area=community, kind="committee")


def test_co_building_agreements_and_their_share(cast, community, community_org):
    secretary = cast.community_secretary
    figures = selectors.agreement_figures(user=secretary, root=community)
    assert figures["with_agreement"] == 0
    agreement = services.agreement_create(
        secretary,
        party_org=community_org,
        unit_name="巨川县住建局",
        unit_type="organ",
        signed_on=date(2026, 3, 1),
    )
    figures = selectors.agreement_figures(user=secretary, root=community)
    assert figures["with_agreement"] == 1
    assert figures["share"] == 1 / figures["orgs"]
    assert dict((str(k), v) for k, v in figures["by_type"])["机关"] == 1
    code, _ = _code(
        lambda: services.agreement_create(
            secretary,
            party_org=community_org,
            unit_name="巨川县住建局",
            unit_type="organ",
            signed_on=date(2026, 4, 1),
        )
    )
    assert code == "invalid_state"
    code, _ = _code(
        lambda: services.agreement_create(
            secretary,
            party_org=community_org,
            unit_name="巨川一中",
            unit_type="school",
            signed_on=date(2026, 3, 1),
            ends_on=date(2026, 1, 1),
        )  # fmt: skip
    )
    assert code == "invalid"
    code, _ = _code(
        lambda: services.agreement_create(
            cast.volunteer,
            party_org=community_org,
            unit_name="x",
            unit_type="soe",
            signed_on=date(2026, 3, 1),
        )
    )
    assert code == "forbidden"
    assert selectors.agreements_for(user=cast.county_admin).filter(pk=agreement.pk).exists()
    assert not selectors.agreements_for(user=cast.dept_staff).filter(pk=agreement.pk).exists()


def test_people_sent_down(cast, community_org, world):
    from lianxin.people.models import Person

    admin = cast.county_admin
    cadre = Person.objects.create(name="赵立新", area=world.county, area_path=world.county.path)
    record = services.sent_down_add(admin, person=cadre, party_org=community_org, kind="deputy")
    code, _ = _code(
        lambda: services.sent_down_add(admin, person=cadre, party_org=community_org, kind="cadre")
    )
    assert code == "invalid_state"
    code, _ = _code(
        lambda: services.sent_down_add(admin, person=cadre, party_org=community_org, kind="mayor")
    )
    assert code == "invalid"
    figures = selectors.sent_down_figures(user=cast.community_secretary)
    assert figures["persons"] == 1
    assert dict((str(k), v) for k, v in figures["by_kind"])["人大代表"] == 1
    assert not selectors.sent_down_for(user=cast.volunteer).exists()
    services.sent_down_end(admin, record=record)
    assert selectors.sent_down_figures(user=cast.community_secretary)["persons"] == 0


def test_api_pairings_agreements_sent_down(client_as, cast, community, needy, community_org):
    staff = client_as("community_secretary")
    body = {"household_id": needy[0].pk, "captain_id": cast.building_captain.person_id,
            "volunteer_ids": [cast.volunteer.person_id]}  # fmt: skip
    created = staff.post("/api/v1/pairings/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    again = staff.post("/api/v1/pairings/", body, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "该居民已有结对。"
    unpaired = staff.get(f"/api/v1/pairings/unpaired?area_id={community.pk}").json()
    assert needy[0].pk not in [h["id"] for h in unpaired["items"]]
    assert (
        unpaired["count"]
        == selectors.unpaired_households(user=cast.community_secretary, root=community).count()
    )
    pairing_id = created.json()["id"]
    agreement = staff.post(
        "/api/v1/co-building/",
        {
            "party_org_id": community_org.pk,
            "unit_name": "巨川县住建局",
            "unit_type": "organ",
            "signed_on": "2026-03-01",
        },
        content_type="application/json",
    )
    assert agreement.status_code == 201, agreement.content
    assert staff.get("/api/v1/co-building/").json()["with_agreement"] == 1
    volunteer = client_as("volunteer")
    visit = volunteer.post(
        f"/api/v1/pairings/{pairing_id}/visits", {"note": "理发"}, content_type="application/json"
    )
    assert visit.status_code == 201, visit.content
    assert [p["id"] for p in volunteer.get("/api/v1/pairings/").json()["items"]] == [pairing_id]
    assert volunteer.get("/api/v1/pairings/unpaired").json()["count"] == 0
    assert volunteer.post("/api/v1/pairings/", body, content_type="application/json").status_code == 400
    # An agreement is no resident's data: posts over the area read it; posts elsewhere do not.
    assert client_as("provider_staff").get("/api/v1/co-building/").json()["items"] == []
    assert client_as("resident").get(f"/api/v1/pairings/{pairing_id}/visits").status_code == 404


def test_pairing_pages(client_as, cast, community, needy, community_org):
    staff = client_as("community_secretary")
    page = staff.get("/volunteering/pairings/")
    assert page.status_code == 200
    posted = staff.post(
        "/volunteering/pairings/",
        {"household": needy[1].pk, "captain": cast.building_captain.person.mobile,
         "volunteers": f"{cast.volunteer.person.mobile}, {cast.resident.person.mobile}"},
    )  # fmt: skip
    assert posted.status_code == 302, posted.content.decode()[:3000]
    pairing = Pairing.objects.get(household=needy[1])
    assert pairing.volunteers.count() == 2
    assert staff.get("/volunteering/co-building/").status_code == 200
    assert staff.get("/volunteering/sent-down/").status_code == 200
    volunteer = client_as("volunteer")
    mine = volunteer.get("/volunteering/pairings/")
    assert mine.status_code == 200 and needy[1].address in mine.content.decode()
    assert needy[2].address not in mine.content.decode()
    logged = volunteer.post(
        posted["Location"], {"visited_on": timezone.localdate().isoformat(), "note": "陪聊"}
    )
    assert logged.status_code == 302
    assert volunteer.get("/volunteering/co-building/").status_code == 403


def test_an_agreement_counts_the_activities_held_together_under_it(client_as, cast, community, community_org):
    """P004-49: an activity names the agreement it was held under; the agreements page and the API count
    them per agreement."""
    from lianxin.volunteering.services import activities as svc

    secretary = cast.community_secretary
    agreement = services.agreement_create(
        secretary,
        party_org=community_org,
        unit_name="巨川县住建局",
        unit_type="organ",
        signed_on=date(2026, 3, 1),
    )
    assert selectors.agreements_for(user=secretary, root=community).get(pk=agreement.pk).joint_activities == 0
    for title in ("老旧小区改造宣讲", "物业政策进小区"):
        svc.activity_publish(
            secretary, title=title, area=community, starts_at=timezone.now(), agreement=agreement
        )
    svc.activity_publish(secretary, title="另一项活动", area=community, starts_at=timezone.now())
    client = client_as("community_secretary")
    page = client.get("/volunteering/co-building/").content.decode()
    assert 'data-testid="joint-activities">2<' in page
    items = client.get("/api/v1/co-building/").json()["items"]
    assert [i["joint_activities"] for i in items if i["id"] == agreement.pk] == [2]
