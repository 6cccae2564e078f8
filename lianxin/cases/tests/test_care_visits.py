"""Care visits for couriers (暖心慰问, P003-22): recorded with the persons visited, the items and the
organiser; counted as visits, person-times and distinct persons on the page and over the API, from one
selector."""

import pytest
from django.utils import timezone

from lianxin.cases import clock, services
from lianxin.cases.care_visits import care_visit_list
from lianxin.cases.models import Visit, VisitKind
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import CourierRecord, PartyOrg
from lianxin.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def couriers(places):
    made = []
    for name in ("快递员甲", "快递员乙", "骑手丙"):
        person = Person.objects.create(name=name, area=places.estate, area_path=places.estate.path)
        CourierRecord.objects.create(person=person)
        made.append(person)
    return made


def _record(user, places, persons, key="", **extra):
    return services.care_visit_record(
        user, area=places.community, persons=persons, items="大米、手套", idempotency_key=key, **extra
    )


def test_person_times_and_distinct_persons(cast, places, couriers):
    secretary = cast.community_secretary
    organiser = PartyOrg.objects.restrict(secretary).order_by("path").first()
    first = _record(secretary, places, couriers, key="c-1", organiser=organiser)
    assert _record(secretary, places, couriers, key="c-1").pk == first.pk, "same key: one visit"
    _record(secretary, places, couriers[:2], key="c-2")
    assert first.kind == VisitKind.CARE and first.attendees == 3 and first.organiser == organiser
    today = timezone.localdate(clock.now())
    result = care_visit_list(user=secretary, area=places.community, date_from=today, date_to=today)
    assert (result.visit_count, result.person_times, result.distinct_persons) == (2, 5, 3)
    assert [(r.name, r.times) for r in result.persons][:2] == [("快递员乙", 2), ("快递员甲", 2)]


def test_refusals_write_nothing(cast, places, couriers):
    with pytest.raises(DomainError) as none:
        _record(cast.community_secretary, places, [])
    assert none.value.field == "persons"
    with pytest.raises(DomainError) as resident:
        _record(cast.resident, places, couriers)
    assert resident.value.code == "forbidden"
    with pytest.raises(DomainError):
        services.visit_record(cast.community_secretary, kind=VisitKind.CARE, area=places.community)
    assert not Visit.objects.exists()


def test_the_page_and_the_api_agree(client_as, cast, places, couriers, clock):
    client = client_as("community_secretary")
    page = client.get("/cases/visits/care/")
    assert page.status_code == 200
    body = page.content.decode()
    assert all(f'value="{p.pk}"' in body for p in couriers)
    posted = client.post(
        "/cases/visits/care/",
        {
            "area": places.community.pk,
            "persons": [couriers[0].pk, couriers[1].pk],
            "items": "月饼",
            "idempotency_key": "page-1",
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:500]
    answer = client.post(
        "/api/v1/care-visits/",
        {"area": places.community.pk, "persons": [couriers[0].pk], "items": "手套"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="api-1",
    )
    assert answer.status_code == 201, answer.content
    assert [p["name"] for p in answer.json()["persons"]] == ["快递员甲"]
    listed = client.get("/api/v1/care-visits/", {"area": places.community.pk}).json()
    assert (listed["visits"], listed["person_times"], listed["distinct_persons"]) == (2, 3, 2)
    page = client.get("/cases/visits/care/", {"area": places.community.pk}).content.decode()
    assert 'data-testid="care-person-times">3<' in page and 'data-testid="care-distinct">2<' in page
    refused = client.post(
        "/api/v1/care-visits/",
        {"area": places.community.pk, "persons": []},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "请选择慰问的人员"
    assert client_as("resident").get("/api/v1/care-visits/").status_code == 403


def test_care_visits_are_not_household_visits(cast, places, couriers):
    from lianxin.cases.selectors import visit_figures

    secretary = cast.community_secretary
    _record(secretary, places, couriers, key="c-9")
    today = timezone.localdate(clock.now())
    figures = visit_figures(user=secretary, area=places.community, date_from=today, date_to=today)
    assert figures["visits"] == 0 and VisitKind.CARE not in figures["by_kind"]


def test_the_export_and_the_menu_agree_with_the_page(client_as, cast, places, couriers):
    """The care visits have their own menu entry and an Excel export with the page's counts."""
    import io

    from openpyxl import load_workbook

    secretary = cast.community_secretary
    _record(secretary, places, couriers, key="x-1")
    _record(secretary, places, couriers[:1], key="x-2")
    client = client_as("community_secretary")
    page = client.get("/cases/visits/care/", {"area": places.community.pk}).content.decode()
    assert 'data-testid="care-person-times">4<' in page and 'data-testid="care-export"' in page
    assert 'href="/cases/visits/care/"' in page, "the menu names the care visits"
    answer = client.get("/cases/visits/care/", {"area": places.community.pk, "format": "xlsx"})
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/vnd.openxml")
    book = load_workbook(io.BytesIO(answer.content))
    visits, notes, persons = book.worksheets
    assert visits.max_row == 3, "a header and two visits"
    values = {row[0].value: row[1].value for row in notes.iter_rows()}
    assert (values["走访次数"], values["人次"], values["人员"]) == ("2", "4", "3")
    assert [(r[0].value, r[1].value) for r in persons.iter_rows(min_row=2)][0] == ("快递员甲", 2)
    assert client_as("resident").get("/cases/visits/care/", {"format": "xlsx"}).status_code in (403, 404)
