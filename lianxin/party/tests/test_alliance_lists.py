"""P003-38–40: an alliance's demand, resource and project lists; scenario 5 of issue 21 (巨川燃化公司's
防腐喷涂 500套 matched to 巨川焦化科技's offer, a ¥1,200,000.00 deal closes it, a second deal is refused)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from lianxin.audit.models import AuditRecord
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import AllianceDeal, AllianceDemand, DemandState, OrgKind, PartyOrg
from lianxin.party.rights import UNIT_CONTACT
from lianxin.party.selectors.alliance_lists import list_counts, offer_suggestions
from lianxin.party.services.alliance_lists import (
    DEAL_VALUE,
    alliance_standing,
    deal_record,
    demand_file,
    demand_match,
    demand_update,
    offer_file,
)
from lianxin.people.models import Organisation, Person, Post, User
from lianxin.rollups.selectors import rollup_sum
from lianxin.rollups.testing import assert_rollup_matches

pytestmark = pytest.mark.django_db


def _alliance():
    return PartyOrg.objects.get(kind=OrgKind.CHAIN_ALLIANCE)


def _org(name):
    return Organisation.objects.get(name=name)


def _contact(name, organisation) -> User:
    person = Person.objects.create(
        name=f"{name}联络员", area=organisation.area, area_path=organisation.area_path
    )
    Post.objects.create(person=person, role=UNIT_CONTACT, organisation=organisation)
    return User.objects.create(username=f"contact_{organisation.pk}", person=person)


@pytest.fixture
def parties(cast, world):
    alliance = _alliance()
    ranhua, jiaohua = _org("巨川燃化公司"), _org("巨川焦化科技")
    return alliance, ranhua, jiaohua, _contact("燃化", ranhua), _contact("焦化", jiaohua)


def _codes(call):
    with pytest.raises(DomainError) as raised:
        call()
    return raised.value.code, str(raised.value)


def test_scenario_5_match_then_a_deal_closes_the_demand_and_a_second_is_refused(cast, parties):
    alliance, ranhua, jiaohua, ranhua_contact, jiaohua_contact = parties
    demand = demand_file(
        ranhua_contact, alliance=alliance, organisation=ranhua, title="防腐喷涂", quantity="500套"
    )
    offer = offer_file(
        jiaohua_contact,
        alliance=alliance,
        organisation=jiaohua,
        title="防腐喷涂加工",
        description="喷涂生产线",
    )
    assert demand.state == DemandState.OPEN
    # The demo's own 防腐喷涂加工 offer of the same enterprise is suggested too; the demander's own never.
    suggested = offer_suggestions(demand)
    assert offer in suggested and all(o.organisation == jiaohua for o in suggested)
    demand = demand_match(ranhua_contact, demand=demand, offer=offer)
    assert demand.state == DemandState.MATCHED
    today = timezone.localdate()
    before = rollup_sum(key=DEAL_VALUE, area_path=alliance.area_path, day_from=today, day_to=today).value
    deal = deal_record(cast.county_admin, demand=demand, value="1200000.00", signed_on=today)
    assert deal.value == Decimal("1200000.00") and deal.offer == offer
    demand.refresh_from_db()
    assert demand.state == DemandState.DONE
    after = rollup_sum(key=DEAL_VALUE, area_path=alliance.area_path, day_from=today, day_to=today).value
    assert after - before == Decimal("1200000.00")
    assert_rollup_matches(DEAL_VALUE)
    counts = list_counts(alliance)
    assert counts.demands[DemandState.DONE] == 1 and counts.deals == 1
    assert counts.deal_value == Decimal("1200000.00")
    # The second deal and any change to the closed demand: 409 该需求已完成, nothing written.
    records = AuditRecord.objects.count()
    assert _codes(lambda: deal_record(cast.county_admin, demand=demand, value="1.00")) == (
        "invalid_state",
        "该需求已完成。",
    )
    assert _codes(lambda: demand_update(ranhua_contact, demand=demand, title="改了"))[0] == "invalid_state"
    assert _codes(lambda: demand_match(cast.county_admin, demand=demand, offer=offer))[0] == "invalid_state"
    assert AllianceDeal.objects.count() == 1 and AuditRecord.objects.count() == records
    assert AllianceDemand.objects.get(pk=demand.pk).title == "防腐喷涂"


def test_every_write_leaves_its_audit_record(cast, parties):
    alliance, ranhua, jiaohua, ranhua_contact, _ = parties
    before = AuditRecord.objects.count()
    demand = demand_file(
        ranhua_contact, alliance=alliance, organisation=ranhua, title="蒸\x01汽", quantity="20吨"
    )
    assert AuditRecord.objects.count() == before + 1
    assert demand.title == "蒸汽"  # control characters never enter (they break exports)


def test_who_files_matches_and_records(cast, parties):
    alliance, ranhua, jiaohua, ranhua_contact, jiaohua_contact = parties
    assert alliance_standing(cast.county_admin, alliance).manages
    contact = alliance_standing(ranhua_contact, alliance)
    assert not contact.manages and contact.orgs == {ranhua.pk}
    # Nobody else in the cast reaches the county's alliance.
    for name in ("street_secretary", "community_secretary", "resident", "volunteer"):
        assert not alliance_standing(cast[name], alliance)
    # A contact files only for his own enterprise.
    code, _ = _codes(lambda: demand_file(ranhua_contact, alliance=alliance, organisation=jiaohua, title="x"))
    assert code == "forbidden"
    # The leads file for any member; an enterprise outside the alliance is refused.
    demand = demand_file(cast.county_admin, alliance=alliance, organisation=jiaohua, title="焦炭运输")
    outsider = Organisation.objects.create(
        kind=ranhua.kind, name="别的公司", area=ranhua.area, area_path=ranhua.area_path
    )
    assert _codes(
        lambda: demand_file(cast.county_admin, alliance=alliance, organisation=outsider, title="x")
    )[0] == ("invalid")
    own_offer = offer_file(jiaohua_contact, alliance=alliance, organisation=jiaohua, title="焦炭运输车队")
    # The offer must come from another member; the other enterprise's contact cannot match this demand.
    assert _codes(lambda: demand_match(cast.county_admin, demand=demand, offer=own_offer))[0] == "invalid"
    other = offer_file(ranhua_contact, alliance=alliance, organisation=ranhua, title="运输车队")
    assert _codes(lambda: demand_match(ranhua_contact, demand=demand, offer=other))[0] == "forbidden"
    # No deal before a match; a bad value is a 400, not a 500.
    assert _codes(lambda: deal_record(cast.county_admin, demand=demand, value="100"))[0] == "invalid_state"
    demand_match(jiaohua_contact, demand=demand, offer=other)
    for bad in ("abc", "-5", "0", "1.001"):
        assert (
            _codes(lambda bad=bad: deal_record(cast.county_admin, demand=demand, value=bad))[0] == "invalid"
        )
    assert (
        _codes(lambda: deal_record(cast.county_admin, demand=demand, value="5", signed_on=date(2999, 1, 1)))[
            0
        ]
        == "invalid"
    )
    assert AllianceDemand.objects.get(pk=demand.pk).state == DemandState.MATCHED


def test_the_lists_page_shows_counts_and_takes_demands_offers_matches_and_deals(
    client, client_as, cast, parties
):
    alliance, ranhua, jiaohua, ranhua_contact, jiaohua_contact = parties
    client.force_login(ranhua_contact)
    url = f"/party/alliances/{alliance.pk}/lists/"
    # His menu leads to his alliance's lists.
    home = client.get("/party/alliance-lists/").content.decode()
    assert f'href="{url}"' in home and 'href="/party/alliance-lists/"' in home
    assert client.get(url).status_code == 200
    posted = client.post(
        f"{url}demands/", {"organisation": ranhua.pk, "title": "防腐喷涂", "quantity": "500套"}
    )
    assert posted.status_code == 302, posted.content.decode()[:1000]
    demand = AllianceDemand.objects.filter(title="防腐喷涂").latest("id")
    client.force_login(jiaohua_contact)
    assert (
        client.post(f"{url}offers/", {"organisation": jiaohua.pk, "title": "防腐喷涂加工"}).status_code == 302
    )
    offer = jiaohua.allianceoffers.latest("id")
    # The offering enterprise may not match another's demand.
    assert client.post(f"{url}demands/{demand.pk}/match/", {"offer": offer.pk}).status_code == 403
    client = client_as("county_admin")
    assert client.post(f"{url}demands/{demand.pk}/match/", {"offer": offer.pk}).status_code == 302
    deal = {"value": "1200000.00", "signed_on": timezone.localdate().isoformat()}
    assert client.post(f"{url}demands/{demand.pk}/deal/", deal).status_code == 302
    again = client.post(f"{url}demands/{demand.pk}/deal/", deal)
    assert again.status_code == 409 and "该需求已完成" in again.content.decode()
    page = client.get(url).content.decode()
    assert "1,200,000.00" in page and "防腐喷涂" in page and "巨川焦化科技" in page
    # The alliance page links its lists; people outside get 404.
    assert f'href="{url}"' in client.get(f"/party/alliances/{alliance.pk}/").content.decode()
    assert client_as("street_secretary").get(url).status_code == 404
    assert client_as("street_secretary").get("/party/alliance-lists/").status_code == 404


def test_the_api_lists_and_creates_with_money_as_decimal_strings(client, client_as, cast, parties):
    alliance, ranhua, jiaohua, ranhua_contact, jiaohua_contact = parties
    base = f"/api/v1/alliances/{alliance.pk}"
    client.force_login(ranhua_contact)

    def post(path, body):
        return client.post(f"{base}/{path}", json.dumps(body), content_type="application/json")

    made = post("demands", {"organisation_id": ranhua.pk, "title": "防腐喷涂", "quantity": "500套"})
    assert made.status_code == 201, made.content
    demand_id = made.json()["id"]
    assert made.json()["state"] == "open" and made.json()["state_label"] == "待对接"
    client.force_login(jiaohua_contact)
    offer_id = post("offers", {"organisation_id": jiaohua.pk, "title": "防腐喷涂加工"}).json()["id"]
    client = client_as("county_admin")
    suggested = client.get(f"{base}/demands?state=open").json()["items"][0]
    assert suggested["id"] == demand_id  # newest first
    assert offer_id in suggested["suggested_offer_ids"]
    assert post("matches", {"demand_id": demand_id, "offer_id": offer_id}).status_code == 201
    assert client.get(f"{base}/matches").json()["items"][0]["offer_id"] == offer_id
    body = json.dumps({"demand_id": demand_id, "value": "1200000.00"})
    headers = {"HTTP_IDEMPOTENCY_KEY": "deal-once"}
    deal = client.post(f"{base}/deals", body, content_type="application/json", **headers)
    assert deal.status_code == 201 and deal.json()["value"] == "1200000.00"
    # The same key again is the same answer, not a 409 and not a second deal.
    replay = client.post(f"{base}/deals", body, content_type="application/json", **headers)
    assert replay.status_code == 201 and replay.json() == deal.json()
    assert AllianceDeal.objects.filter(demand_id=demand_id).count() == 1
    second = post("deals", {"demand_id": demand_id, "value": "1200000.00"})
    assert second.status_code == 409 and "该需求已完成" in second.content.decode()
    listed = client.get(f"{base}/deals").json()
    assert listed["items"][0]["value"] == "1200000.00" and listed["items"][0]["demand_id"] == demand_id
    assert post("deals", {"demand_id": demand_id, "value": "abc"}).status_code in (400, 409)
    assert client_as("street_secretary").get(f"{base}/demands").status_code == 404


def test_the_demo_alliance_has_the_open_demand_and_the_offer_it_is_suggested(cast, world):
    demand = AllianceDemand.objects.get(organisation__name="巨川燃化公司", title="防腐喷涂")
    assert demand.quantity == "500套" and demand.state == DemandState.OPEN
    assert [o.organisation.name for o in offer_suggestions(demand)] == ["巨川焦化科技"]


def test_the_chain_lead_departments_staff_keep_the_lists_without_a_post_over_the_county(cast, parties):
    from lianxin.party.models import AllianceMember, AllianceRole
    from lianxin.people.roles import Role

    alliance = parties[0]
    lead = AllianceMember.objects.get(alliance=alliance, role=AllianceRole.LEAD_DEPARTMENT).department
    person = Person.objects.create(name="工信局干部", area=lead.area, area_path=lead.area_path)
    Post.objects.create(person=person, role=Role.DEPARTMENT_STAFF, department=lead)
    staff = User.objects.create(username="gongxin_staff", person=person)
    standing = alliance_standing(staff, alliance)
    assert standing.manages and standing.orgs >= {parties[1].pk, parties[2].pk}
    # Another department's staff do not.
    assert not alliance_standing(cast.dept_staff, alliance)


def test_the_alliance_totals_agree_on_page_api_and_export(client_as, cast, parties):
    """P003-40: the deal that closes 防腐喷涂 500套 shows as 1 deal, ¥1,200,000.00 on the page, in
    ``/api/v1/alliances/{id}/totals`` and in the lists' export; outsiders get 404."""
    import io

    from openpyxl import load_workbook

    alliance, ranhua, jiaohua, ranhua_contact, jiaohua_contact = parties
    demand = demand_file(
        ranhua_contact, alliance=alliance, organisation=ranhua, title="防腐喷涂", quantity="500套"
    )
    offer = offer_file(jiaohua_contact, alliance=alliance, organisation=jiaohua, title="防腐喷涂加工")
    demand_match(ranhua_contact, demand=demand, offer=offer)
    deal_record(cast.county_admin, demand=demand, value="1200000.00")
    client = client_as("county_admin")
    totals = client.get(f"/api/v1/alliances/{alliance.pk}/totals").json()
    assert totals["deals"] == 1 and totals["deal_value"] == "1200000.00"
    assert totals["demands"]["done"] == 1
    page = client.get(f"/party/alliances/{alliance.pk}/lists/").content.decode()
    assert "¥1,200,000.00" in page and "format=xlsx" in page
    export = client.get(f"/party/alliances/{alliance.pk}/lists/?format=xlsx")
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and "巨川燃化公司" in rows[1] and "500套" in rows[1]
    assert float(rows[1][4]) == 1200000.0
    notes = dict(row[:2] for row in book.worksheets[1].iter_rows(values_only=True))
    assert "1,200,000.00" in notes.values()
    assert client_as("street_secretary").get(f"/api/v1/alliances/{alliance.pk}/totals").status_code == 404
    assert (
        client_as("street_secretary").get(f"/party/alliances/{alliance.pk}/lists/?format=xlsx").status_code
        == 404
    )
