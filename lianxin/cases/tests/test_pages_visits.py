"""入户走访 (P000-31, P002-31): a visit is logged by kind; a mediation opens a dispute case and an errand a
case the visitor handles; a liaison picks from his linked households."""

import pytest

from lianxin.areas.models import Household
from lianxin.cases.models import Case, Kind, State, Visit
from lianxin.cases.tests.pages import options, text
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def household_of_estate(places):
    return Household.objects.filter(area_path__startswith=places.estate.path).order_by("id").first()


def test_a_grid_worker_logs_a_chat(client_as, cast, places, clock):
    household = household_of_estate(places)
    response = client_as("grid_worker").post(
        "/cases/visits/", {"kind": "chat", "household": household.pk, "attendees": 2, "note": "了解老人近况"}
    )

    assert response.status_code == 302 and response["Location"] == "/cases/visits/"
    visit = Visit.objects.get(visitor=cast.grid_worker.person)
    assert visit.household == household and visit.case is None
    assert "了解老人近况" in text(client_as("grid_worker").get("/cases/visits/"))


def test_a_mediation_opens_a_dispute_case(client_as, cast, places, clock):
    household = household_of_estate(places)
    response = client_as("grid_worker").post(
        "/cases/visits/",
        {
            "kind": "mediation",
            "household": household.pk,
            "attendees": 3,
            "category": category("neighbour_dispute").pk,
            "note": "邻里漏水纠纷",
        },
    )

    visit = Visit.objects.get(visitor=cast.grid_worker.person)
    assert response["Location"] == f"/cases/{visit.case_id}/"
    assert visit.case.kind == Kind.DISPUTE


def test_an_errand_opens_a_case_the_visitor_handles(client_as, cast, places, clock):
    household = household_of_estate(places)
    client_as("grid_worker").post(
        "/cases/visits/",
        {
            "kind": "errand",
            "household": household.pk,
            "attendees": 1,
            "category": category("elderly_care").pk,
            "note": "代办养老补贴申请",
        },
    )

    case = Case.objects.get(visits__visitor=cast.grid_worker.person)
    assert case.state == State.IN_PROGRESS and case.handler_person == cast.grid_worker.person


def test_an_errand_without_a_category_is_400_with_the_message(client_as, cast, places):
    response = client_as("grid_worker").post(
        "/cases/visits/", {"kind": "errand", "household": household_of_estate(places).pk, "attendees": 1}
    )

    assert response.status_code == 400
    assert "请选择所反映事项的类别。" in text(response)
    assert not Visit.objects.filter(visitor=cast.grid_worker.person).exists()


def test_a_liaison_picks_from_his_linked_households(client_as, cast):
    from lianxin.party.models import LiaisonLink

    linked = list(
        LiaisonLink.objects.filter(liaison=cast.liaison.person).values_list("household_id", flat=True)
    )
    choices = options(text(client_as("liaison").get("/cases/visits/")), "household")

    assert choices[1 : len(linked) + 1] == [
        str(pk)
        for pk in Household.objects.filter(pk__in=linked).order_by("address").values_list("pk", flat=True)
    ]


def test_residents_and_couriers_log_no_visits(client_as):
    assert client_as("resident").get("/cases/visits/").status_code == 403
    assert client_as("courier").get("/cases/visits/").status_code == 403


def test_a_double_tap_logs_one_visit_and_opens_one_case(client_as, cast, places, clock):
    client = client_as("grid_worker")
    data = {
        "kind": "mediation",
        "household": household_of_estate(places).pk,
        "attendees": 2,
        "category": category("neighbour_dispute").pk,
        "note": "邻里纠纷",
        "idempotency_key": "visit-tap-1",
    }
    first, second = client.post("/cases/visits/", data), client.post("/cases/visits/", data)

    assert first["Location"] == second["Location"]
    assert Visit.objects.filter(visitor=cast.grid_worker.person).count() == 1
    assert Case.objects.filter(visits__visitor=cast.grid_worker.person).count() == 1
