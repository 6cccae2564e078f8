"""Chain service teams (P000-62): 巨川燃化公司's contact submits a 税务征缴 request; it goes at intake to
煤化工产业链税务服务队 (its chain alliance's team, ahead of another tax team), which takes and handles it;
the contact rates it 5★ — on the page and over the API. A non-contact is refused and nothing is written."""

from datetime import date

import pytest

from lianxin.cases import services as case_services
from lianxin.cases.models import Case, ReporterGroup, State
from lianxin.party.models import AllianceMember, AllianceRole
from lianxin.people.models import Organisation, OrganisationKind, Person, Post, User
from lianxin.people.roles import Role
from lianxin.provision.models import ListingArea, ListingState, ProviderForm, ProviderListing

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(listings, places):
    alliance = listings["煤化工产业链税务服务队"].alliance
    enterprise = Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER,
        name="巨川燃化公司",
        area=places.community,
        area_path=places.community.path,
    )
    AllianceMember.objects.create(
        alliance=alliance, role=AllianceRole.MEMBER_ENTERPRISE, enterprise=enterprise
    )
    person = Person.objects.create(name="燃化公司联络员")
    Post.objects.create(
        person=person, role="unit_contact", organisation=enterprise, start_date=date(2024, 1, 1)
    )
    user = User.objects.create(username="ranhua_contact", person=person)
    user.enterprise = enterprise
    return user


@pytest.fixture
def rival_team(listings, item):
    county = listings["煤化工产业链税务服务队"].area
    organisation = Organisation.objects.create(
        kind=OrganisationKind.PROVIDER, name="县财税代理服务队", area=county, area_path=county.path
    )
    listing = ProviderListing.objects.create(
        organisation=organisation,
        form=ProviderForm.TEAM,
        area=county,
        area_path=county.path,
        state=ListingState.LISTED,
    )
    listing.service_items.set([item("svc_tax")])
    ListingArea.objects.create(listing=listing, area=county, area_path=county.path)
    return listing


def _team_staff(listing):
    person = Person.objects.create(name="税务服务队队员")
    Post.objects.create(
        person=person,
        role=Role.PROVIDER_STAFF,
        organisation=listing.organisation,
        start_date=date(2024, 1, 1),
    )
    return User.objects.create(username="tax_team", person=person)


def test_the_request_reaches_the_chain_team_is_handled_and_rated(
    client, cast, contact, listings, rival_team, item, clock
):
    client.force_login(contact)
    page = client.get("/provision/enterprise/").content.decode()
    assert "煤化工产业链税务服务队" in page and 'data-testid="offer-svc_tax"' in page
    posted = client.post(
        "/provision/enterprise/",
        {
            "enterprise": contact.enterprise.pk,
            "item": item("svc_tax").pk,
            "description": "季度申报",
            "idempotency_key": "e-1",
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:400]
    case = Case.objects.get()
    team = listings["煤化工产业链税务服务队"]
    assert case.handler_organisation == team.organisation
    assert case.reporter_group == ReporterGroup.ENTERPRISE and case.area == contact.enterprise.area

    staff = _team_staff(team)
    case_services.case_take(staff, case=case)
    case_services.case_handle(staff, case=case, note="已协助完成申报")
    case_services.case_verify(cast.community_secretary, case=case, passed=True)
    rated = client.post(f"/api/v1/cases/{case.pk}/rate", {"stars": 5}, content_type="application/json")
    assert rated.status_code == 200, rated.content
    case.refresh_from_db()
    assert case.rating_stars == 5 and case.state == State.CLOSED
    listed = client.get("/api/v1/enterprise-requests/").json()["items"]
    assert [(r["handler"], r["stars"]) for r in listed] == [("煤化工产业链税务服务队", 5)]


def test_the_api_submits_and_refuses(client, client_as, cast, contact, listings, item, clock):
    client.force_login(contact)
    body = {"enterprise": contact.enterprise.pk, "item": item("svc_licences").pk}
    made = client.post(
        "/api/v1/enterprise-requests/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert made.status_code == 201, made.content
    assert made.json()["handler"] == "煤化工产业链税务服务队"
    not_enterprise = client.post(
        "/api/v1/enterprise-requests/",
        {**body, "item": item("svc_meal_aid").pk},
        content_type="application/json",
    )
    assert not_enterprise.status_code == 400
    assert not_enterprise.json()["error"]["message"] == "请选择企业服务事项"
    stranger = client_as("community_secretary").post(
        "/api/v1/enterprise-requests/", body, content_type="application/json"
    )
    assert stranger.status_code == 403
    assert stranger.json()["error"]["message"] == "只有该企业的联络人可以提交企业的服务需求"
    assert Case.objects.count() == 1
    assert client_as("resident").get("/provision/enterprise/").status_code == 403
    assert client_as("enterprise_contact").get("/provision/enterprise/").status_code == 200


def test_each_team_counts_its_orders_handled_and_stars_alike(client, contact, listings, item, cast, clock):
    """P000-62: per chain team, the orders it was given, those handled and its mean stars — the same on the
    providers page (?form=team), its Excel export and /api/v1/providers/?form=team."""
    import io

    from openpyxl import load_workbook

    from lianxin.provision.services.enterprise import enterprise_request_place

    team = listings["煤化工产业链税务服务队"]
    staff = _team_staff(team)
    first, second = (
        enterprise_request_place(
            contact, enterprise=contact.enterprise, item=item("svc_tax"), idempotency_key=f"t-{n}"
        )
        for n in (1, 2)
    )
    case_services.case_take(staff, case=first)
    case_services.case_handle(staff, case=first, note="已办")
    case_services.case_verify(cast.community_secretary, case=first, passed=True)
    case_services.case_rate(contact, case=first, stars=4)
    client.force_login(staff)
    page = client.get("/provision/providers/", {"form": "team"}).content.decode()
    assert f'data-testid="orders-{team.pk}">2<' in page
    assert f'data-testid="handled-{team.pk}">1<' in page
    assert f'data-testid="stars-{team.pk}">4.00<' in page
    api = client.get("/api/v1/providers/", {"form": "team"}).json()["items"]
    row = next(r for r in api if r["id"] == team.pk)
    assert (row["orders"], row["handled_cases"], row["stars"]) == (2, 1, "4.00")
    assert {r["form"] for r in api} == {"team"}
    book = load_workbook(io.BytesIO(client.get("/provision/providers/?form=team&format=xlsx").content))
    sheet = book.worksheets[0]
    head = [c.value for c in sheet[1]]
    line = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "煤化工产业链税务服务队")
    assert (line[head.index("订单数")], line[head.index("已办结")], line[head.index("星级")]) == (2, 1, 4)
    assert client.get("/api/v1/providers/", {"form": "nope"}).status_code == 400
