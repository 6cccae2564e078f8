"""P003-27: each courier linked to one fixed grid worker with the WeChat group's name; grid workers outside
2–3 couriers and couriers with none are reported."""

import pytest

from lianxin.audit.models import AuditRecord
from lianxin.core.errors_domain import DomainError
from lianxin.party.models.couriers import CourierLink
from lianxin.party.services.couriers import courier_link_gaps, courier_link_set
from lianxin.people.models import Person, PersonTag

pytestmark = pytest.mark.django_db


def _courier(area, name="快递员"):
    person = Person(name=name)
    person.set_area(area)
    person.save()
    person.tags.add(PersonTag.objects.get(code="courier"))
    return person


def test_the_demo_courier_has_a_fixed_grid_worker(cast):
    link = CourierLink.objects.get(courier=cast.courier.person)
    assert link.grid_worker == cast.grid_worker.person
    assert link.group_name.endswith("快递小哥联络群")


def test_grid_workers_outside_two_to_three_and_couriers_without_one_are_reported(cast, world):
    estate = world.estates[0]
    grid_worker = cast.grid_worker.person
    loads, unlinked = courier_link_gaps(user=cast.county_admin)
    assert grid_worker in [row.grid_worker for row in loads]  # one courier only
    lonely = _courier(estate, "孤单快递员")
    loads, unlinked = courier_link_gaps(user=cast.county_admin)
    assert lonely in unlinked

    courier_link_set(actor=cast.grid_worker, courier=lonely, grid_worker=grid_worker, group_name="幸福群")
    loads, unlinked = courier_link_gaps(user=cast.county_admin)
    assert grid_worker not in [row.grid_worker for row in loads]  # two couriers: within 2–3
    assert lonely not in unlinked
    for i in range(2):
        courier_link_set(
            actor=cast.county_admin,
            courier=_courier(estate, f"快递员{i}"),
            grid_worker=grid_worker,
            group_name="幸福群",
        )
    loads, _unlinked = courier_link_gaps(user=cast.county_admin)
    assert [row.couriers for row in loads if row.grid_worker == grid_worker] == [4]


def test_a_courier_has_one_grid_worker_and_only_couriers_and_grid_workers_are_linked(cast, world):
    estate = world.estates[0]
    courier = _courier(estate)
    courier_link_set(
        actor=cast.county_admin, courier=courier, grid_worker=cast.grid_worker.person, group_name="群一"
    )
    courier_link_set(
        actor=cast.county_admin, courier=courier, grid_worker=cast.grid_worker.person, group_name="群二"
    )
    assert CourierLink.objects.filter(courier=courier).count() == 1
    assert CourierLink.objects.get(courier=courier).group_name == "群二"
    with pytest.raises(DomainError):
        courier_link_set(
            actor=cast.county_admin,
            courier=cast.resident.person,
            grid_worker=cast.grid_worker.person,
            group_name="群",
        )
    with pytest.raises(DomainError):
        courier_link_set(
            actor=cast.county_admin, courier=courier, grid_worker=cast.volunteer.person, group_name="群"
        )
    with pytest.raises(DomainError):
        courier_link_set(
            actor=cast.county_admin, courier=courier, grid_worker=cast.grid_worker.person, group_name=" "
        )


def test_pages_and_api_are_scoped(cast, world, client_as):
    other_street = world.estates[-1]
    far = _courier(other_street, "远处快递员")
    # A street secretary of the first street sees the demo link but not the far courier.
    client = client_as("street_secretary")
    page = client.get("/party/couriers/").content.decode()
    assert cast.courier.person.name in page
    assert "远处快递员" not in page
    gaps = client.get("/api/v1/courier-links/gaps").json()
    assert far.pk not in [p["id"] for p in gaps["couriers_without"]]
    assert gaps["low"] == 2 and gaps["high"] == 3
    links = client.get("/api/v1/courier-links/").json()
    assert [row["courier_id"] for row in links] == [cast.courier.person.pk]
    # The courier sees his own link; a resident sees none.
    assert (
        client_as("courier").get("/api/v1/courier-links/").json()[0]["grid_worker"]
        == cast.grid_worker.person.name
    )
    assert client_as("resident").get("/api/v1/courier-links/").json() == []


def test_the_grid_worker_links_a_courier_on_the_page_and_the_api_with_an_audit_record(cast, world, client_as):
    estate = world.estates[0]
    client = client_as("grid_worker")
    courier = _courier(estate, "新快递员")
    response = client.post(
        "/party/couriers/link/",
        {"courier": courier.pk, "grid_worker": cast.grid_worker.person.pk, "group_name": "幸福里群"},
    )
    assert response.status_code == 302
    link = CourierLink.objects.get(courier=courier)
    assert AuditRecord.objects.filter(object_type="party.courierlink", object_id=str(link.pk)).exists()
    empty = client.post("/party/couriers/link/", {"courier": courier.pk})
    assert empty.status_code == 400
    assert "请选择网格员" in empty.content.decode()
    assert client_as("volunteer").post("/party/couriers/link/", {}).status_code == 403

    second = _courier(estate, "又一个快递员")
    api = client_as("grid_worker").post(
        "/api/v1/courier-links/",
        {"courier_id": second.pk, "grid_worker_id": cast.grid_worker.person.pk, "group_name": "幸福里群"},
        content_type="application/json",
    )
    assert api.status_code == 201
    assert api.json()["area_id"] == estate.pk
    bad = client_as("grid_worker").post(
        "/api/v1/courier-links/",
        {"courier_id": second.pk, "grid_worker_id": cast.grid_worker.person.pk, "group_name": ""},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "微信群" in bad.json()["error"]["message"]
