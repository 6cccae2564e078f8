"""Service places (docs/services.md "场所与服务圈"): rules in force at a place with their history (P002-42),
a complex's formats (P000-44), the 1+N+X matrix of a street (P002-40), clusters and their centres (P000-24,
P002-34, P002-35), the resident's circle (P002-25, P001-30) and the estate work station (P003-09)."""

from datetime import date
from decimal import Decimal

import pytest

from lianxin.areas.models import Area, Level, Place, PlaceDesignation, PlaceStatus
from lianxin.areas.places import place_save
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Organisation
from lianxin.provision import circles
from lianxin.provision.models import PlaceFormat, PlaceRule, RuleKind, ServiceItem
from lianxin.provision.seeds import catalogue_ensure
from lianxin.provision.services.places import format_save, rule_end, rule_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(world):
    return Place.objects.get(area=world.communities[0], designations__code="service_centre")


@pytest.fixture
def complex_place(world):
    return Place.objects.get(designations__code="service_complex")


def _provider(name):
    return Organisation.objects.create(name=name, kind="provider")


# -- rules (P002-42) ------------------------------------------------------------------------------------


def test_a_replaced_rule_keeps_its_period_and_the_new_one_is_in_force(cast, centre):
    old = rule_record(
        cast.community_secretary, place=centre, title="窗口值班制度", in_force_from=date(2025, 1, 1)
    )
    rule_record(
        cast.community_secretary,
        place=centre,
        title="党群服务中心管理办法",
        kind=RuleKind.MEASURES,
        in_force_from=date(2025, 1, 1),
    )
    new = rule_record(
        cast.community_secretary,
        place=centre,
        title="窗口值班制度",
        body="工作日两人值班",
        in_force_from=date(2026, 3, 1),
        replaces=old,
    )
    old.refresh_from_db()
    assert (old.in_force_to, old.replaced_by_id) == (date(2026, 2, 28), new.pk)
    in_2025 = [r.pk for r in circles.rules_in_force(centre, date(2025, 6, 1))]
    in_2026 = [r.pk for r in circles.rules_in_force(centre, date(2026, 6, 1))]
    assert old.pk in in_2025 and new.pk not in in_2025
    assert new.pk in in_2026 and old.pk not in in_2026 and len(in_2026) == 2
    assert circles.rules_history(centre).count() == 3

    with pytest.raises(DomainError) as again:
        rule_record(
            cast.community_secretary, place=centre, title="x", in_force_from=date(2026, 5, 1), replaces=old
        )
    assert again.value.code == "invalid_state"
    rule_end(cast.community_secretary, rule=new, in_force_to=date(2026, 12, 31))
    assert not circles.rules_in_force(centre, date(2027, 1, 1)).filter(pk=new.pk).exists()
    with pytest.raises(DomainError):
        rule_end(cast.community_secretary, rule=new)


def test_only_the_staff_over_the_place_record_rules(cast, centre, world):
    with pytest.raises(DomainError) as refused:
        rule_record(cast.resident, place=centre, title="首问负责制度", in_force_from=date(2025, 1, 1))
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError):
        rule_record(cast.community_secretary, place=centre, title=" ", in_force_from=date(2025, 1, 1))
    assert not PlaceRule.objects.exists()


def test_the_place_page_and_api_show_the_same_rules(cast, centre, client_as):
    rule_record(cast.community_secretary, place=centre, title="首问负责制度", in_force_from=date(2025, 1, 1))
    client = client_as("community_secretary")
    response = client.post(
        f"/provision/places/{centre.pk}/",
        {"action": "rule", "kind": "rule", "title": "档案管理制度", "in_force_from": "2025-02-01"},
    )
    assert response.status_code == 302
    page = client.get(f"/provision/places/{centre.pk}/").content.decode()
    assert "首问负责制度" in page and "档案管理制度" in page
    body = client.get(f"/api/v1/place-rules/?place_id={centre.pk}").json()
    assert sorted(r["title"] for r in body["items"]) == ["档案管理制度", "首问负责制度"]
    bad = client.post(f"/provision/places/{centre.pk}/", {"action": "rule", "title": "", "in_force_from": ""})
    assert bad.status_code == 400 and PlaceRule.objects.count() == 2
    refused = client_as("resident").post(
        f"/provision/places/{centre.pk}/",
        {"action": "rule", "kind": "rule", "title": "x", "in_force_from": "2025-02-01"},
    )
    assert refused.status_code == 403 and PlaceRule.objects.count() == 2


# -- formats of a complex (P000-44) ---------------------------------------------------------------------


def test_a_complex_shows_its_formats_each_run_by_a_provider(cast, complex_place, client_as):
    hospital, market = _provider("巨川县人民医院"), _provider("惠邻超市便民店")
    format_save(cast.street_secretary, place=complex_place, format="medical", provider=hospital)
    format_save(cast.street_secretary, place=complex_place, format="supermarket", provider=market)
    format_save(cast.street_secretary, place=complex_place, format="party_services")
    matrix = circles.formats_matrix(Place.objects.all())
    [line] = [line for line in matrix["lines"] if line["place"].pk == complex_place.pk]
    cells = dict(zip([code for code, _label in matrix["formats"]], line["cells"], strict=True))
    assert cells["medical"].provider == hospital and cells["bank"] is None
    assert cells["party_services"].provider is None
    assert matrix["totals"][[c for c, _l in matrix["formats"]].index("medical")] == 1
    page = client_as("street_secretary").get("/provision/formats/").content.decode()
    assert "巨川县人民医院" in page and "惠邻超市便民店" in page
    body = client_as("street_secretary").get(f"/api/v1/place-formats/?place_id={complex_place.pk}").json()
    assert {r["format"]: r["provider_name"] for r in body["items"]}["medical"] == "巨川县人民医院"
    with pytest.raises(DomainError):
        format_save(cast.street_secretary, place=complex_place, format="casino")
    assert PlaceFormat.objects.filter(place=complex_place).count() == 3


# -- the 1+N+X matrix (P002-40) -------------------------------------------------------------------------


def test_the_matrix_counts_hub_centres_and_stations_of_a_street(world, client_as):
    street = world.streets[0]
    matrix = circles.service_matrix(street)
    hubs, centres, stations = matrix.counts
    assert hubs == 1 and matrix.hubs[0].area_id == street.pk
    communities = Area.objects.filter(path__startswith=street.path, level=Level.COMMUNITY).count()
    assert centres == communities
    assert (
        stations
        == Place.objects.filter(
            area_path__startswith=street.path, designations__code="service_station"
        ).count()
    )
    assert all(s.parent_place.area_path.startswith(street.path) for s in matrix.stations)
    assert matrix.stray == []
    page = client_as("street_secretary").get(f"/provision/matrix/?area={street.pk}")
    assert page.status_code == 200
    listed = client_as("street_secretary").get(
        f"/provision/matrix/?area={street.pk}&street={street.pk}&tier=stations"
    )
    assert listed.content.decode().count('data-testid="matrix-list"') == 1
    assert matrix.stations[0].name in listed.content.decode()
    [body] = client_as("street_secretary").get(f"/api/v1/service-matrix/{street.pk}").json()
    assert (body["hubs"], body["centres"], body["stations"]) == (hubs, centres, stations)


def test_a_station_outside_its_street_is_refused(cast, world):
    other_street_centre = Place.objects.get(area=world.streets[1], designations__code="service_centre")
    estate = world.estates[1]
    with pytest.raises(DomainError) as refused:
        place_save(
            actor=cast.county_admin,
            place=None,
            area=estate,
            designations=list(PlaceDesignation.objects.filter(code="service_station")),
            name="越界的服务站",
            parent_place=other_street_centre,
        )
    assert refused.value.field == "parent_place"
    assert not Place.objects.filter(name="越界的服务站").exists()


# -- clusters (P000-24, P002-34, P002-35) ---------------------------------------------------------------


def test_clusters_list_their_centre_subsidy_and_devolved_items(cast, world, client_as):
    catalogue_ensure()
    item = ServiceItem.objects.get(category__code="svc_old_age_allowance")
    item.at_cluster_centres = True
    item.save()
    township = Area.objects.get(path=world.cluster.path[: -world.cluster.steplen])
    overview = circles.clusters_overview(township)
    [row] = overview["rows"]
    assert row.cluster == world.cluster and len(row.centres) == 1 and row.subsidy == Decimal("80000.00")
    assert len(row.villages) == 4 and overview["without_centre"] == []
    flagged = set(ServiceItem.objects.filter(at_cluster_centres=True).values_list("pk", flat=True))
    assert {i.pk for i in overview["items"]} == flagged and item.pk in flagged
    assert item in circles.place_items(row.centres[0])
    row.centres[0].designations.clear()
    assert len(circles.clusters_overview(township)["without_centre"]) == 1
    page = client_as("county_admin").get(f"/provision/clusters/?area={township.pk}").content.decode()
    assert world.cluster.name in page
    body = client_as("county_admin").get(f"/api/v1/clusters/?area_id={township.pk}").json()
    assert body["without_centre"] == 1 and body["clusters"][0]["centres"] == []


def test_a_cluster_village_resident_sees_the_centre_items_and_every_village_s_places(world):
    catalogue_ensure()
    item = ServiceItem.objects.get(category__code="svc_old_age_allowance")
    item.at_cluster_centres = True
    item.save()
    villages = [v for v in world.villages if v.path.startswith(world.cluster.path)]
    shop = Place.objects.create(
        name=f"{villages[1].name}便民服务点", area=villages[1], area_path=villages[1].path
    )
    shop.designations.set(PlaceDesignation.objects.filter(code="volunteer_station"))
    found = circles.resident_circle(villages[0])
    assert found["cluster"] == world.cluster
    assert [c.area_id for c in found["centres"]] == [world.cluster.pk]
    assert item in found["items"]
    assert shop in found["places"]
    outside = [v for v in world.villages if not v.path.startswith(world.cluster.path)][0]
    assert shop not in circles.resident_circle(outside)["places"]


def test_the_resident_filters_his_centre_s_items_by_target_group(cast, world, client_as):
    catalogue_ensure()
    ServiceItem.objects.filter(category__code="svc_old_age_allowance").update(at_cluster_centres=True)
    ServiceItem.objects.filter(category__code="svc_childcare").update(at_cluster_centres=True)
    person = cast.resident.person
    person.area = [v for v in world.villages if v.path.startswith(world.cluster.path)][0]
    person.save()
    client = client_as("resident")
    page = client.get("/provision/my-centre/?group=children").content.decode()
    assert 'data-testid="item-svc_childcare"' in page
    assert 'data-testid="item-svc_old_age_allowance"' not in page
    page = client.get("/provision/my-centre/?group=elderly").content.decode()
    assert 'data-testid="item-svc_old_age_allowance"' in page
    api = client.get("/api/v1/service-items/?target_group=children").json()
    assert "svc_childcare" in {i["category_code"] for i in api["items"]}


def test_the_place_page_lists_providers_attached_to_the_centre(cast, centre, listings, client_as):
    listing = listings["颐康长者食堂"]
    listing.centre = centre
    listing.save()
    page = client_as("community_secretary").get(f"/provision/places/{centre.pk}/").content.decode()
    assert "颐康长者食堂" in page and "爱心助餐" in page
    # Residents of the community see the attached provider's service at their centre, for the elderly.
    elderly = client_as("resident").get("/provision/my-centre/?group=elderly").content.decode()
    assert 'data-testid="item-svc_meal_aid"' in elderly
    children = client_as("resident").get("/provision/my-centre/?group=children").content.decode()
    assert 'data-testid="item-svc_meal_aid"' not in children


def test_an_open_place_is_readable_by_everyone_and_a_closed_one_only_in_scope(world, client_as):
    estate = world.estates[0]
    closed = Place.objects.create(
        name="规划中的服务点", area=estate, area_path=estate.path, status=PlaceStatus.PLANNED
    )
    assert client_as("resident").get(f"/provision/places/{closed.pk}/").status_code == 404
    assert client_as("county_admin").get(f"/provision/places/{closed.pk}/").status_code == 200


def test_the_services_page_filters_by_target_group_and_links_the_centre(cast, client_as, centre):
    catalogue_ensure()
    page = client_as("resident").get("/provision/services/?group=children").content.decode()
    assert 'data-testid="item-svc_childcare"' in page
    assert 'data-testid="item-svc_old_age_allowance"' not in page
    assert "/provision/my-centre/" in page
    place_page = client_as("resident").get(f"/areas/places/{centre.pk}/").content.decode()
    assert f"/provision/places/{centre.pk}/" in place_page


def test_the_api_puts_a_rule_in_force_replaces_and_repeals_it(cast, centre, client_as):
    client = client_as("community_secretary")
    first = client.post(
        "/api/v1/place-rules/",
        {"place_id": centre.pk, "title": "情况报告制度", "in_force_from": "2025-01-01"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="rule-1",
    )
    assert first.status_code == 201, first.content
    second = client.post(
        "/api/v1/place-rules/",
        {
            "place_id": centre.pk,
            "title": "情况报告制度",
            "in_force_from": "2026-01-01",
            "replaces_id": first.json()["id"],
        },
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="rule-2",
    )
    assert second.status_code == 201
    old = PlaceRule.objects.get(pk=first.json()["id"])
    assert (old.in_force_to, old.replaced_by_id) == (date(2025, 12, 31), second.json()["id"])
    ended = client.post(
        f"/api/v1/place-rules/{second.json()['id']}/end",
        {"in_force_to": "2026-06-30"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="rule-3",
    )
    assert ended.status_code == 200 and ended.json()["in_force_to"] == "2026-06-30"
    again = client.post(
        f"/api/v1/place-rules/{second.json()['id']}/end",
        {},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="rule-4",
    )
    assert again.status_code == 409
    refused = client_as("resident").post(
        "/api/v1/place-rules/",
        {"place_id": centre.pk, "title": "x", "in_force_from": "2025-01-01"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="rule-5",
    )
    assert refused.status_code == 403 and PlaceRule.objects.count() == 2
