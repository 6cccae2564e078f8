"""The staff's visits list (P000-31): the visits under an area in a period with its count, each visitor's
count by kind, filters by area, period, kind and visitor, an Excel export with the same numbers.
The dashboard's visits figures opening it: lianxin/dashboard/tests/test_visits_link.py."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from lianxin.areas.models import Household
from lianxin.cases import clock as case_clock
from lianxin.cases.models import Visit, VisitKind
from lianxin.cases.services import visit_record
from lianxin.cases.tests.pages import text
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def households(area):
    return list(Household.objects.filter(area_path__startswith=area.path).order_by("id"))


@pytest.fixture
def logged(cast, places, clock):
    """The grid worker: 2 chats, 1 call round, 1 mediation; the captain: 1 chat, 1 errand; one chat
    elsewhere in the community (another estate) by the community secretary, and one long ago."""
    homes = households(places.building)
    log = [
        (cast.grid_worker, VisitKind.CHAT, homes[0], None),
        (cast.grid_worker, VisitKind.CHAT, homes[1], None),
        (cast.grid_worker, VisitKind.CALL_ROUND, homes[0], None),
        (cast.grid_worker, VisitKind.MEDIATION, homes[2], category("neighbour_dispute")),
        (cast.building_captain, VisitKind.CHAT, homes[0], None),
        (cast.building_captain, VisitKind.ERRAND, homes[1], category("subsistence")),
        (cast.community_secretary, VisitKind.CHAT, households(places.other_estate)[0], None),
    ]
    for user, kind, household, cat in log:
        visit_record(user, kind=kind, household=household, category=cat, note="走访")
    old = visit_record(cast.grid_worker, kind=VisitKind.CHAT, household=homes[0])
    Visit.objects.filter(pk=old.pk).update(at=case_clock.now() - timedelta(days=90))
    return homes


def today():
    return timezone.localdate(case_clock.now())


def list_page(client, area, **extra):
    params = {"area": area.pk, "date_from": today() - timedelta(days=7), "date_to": today(), **extra}
    return client.get("/cases/visits/list/", params)


def visitor_row(html, person):
    row = re.search(rf'<tr data-visitor="{person.pk}">(.*?)</tr>', html, flags=re.S).group(1)
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', row)]


def test_the_list_counts_each_visitors_visits_by_kind(client_as, cast, places, logged):
    response = list_page(client_as("community_secretary"), places.estate)
    html = text(response)

    assert response.status_code == 200
    assert "共 6 次走访" in html  # the other estate's visit and the old one are outside
    # visits, 拉呱, 串门, 调解, 帮办
    assert visitor_row(html, cast.grid_worker.person) == [4, 2, 1, 1, 0]
    assert visitor_row(html, cast.building_captain.person) == [2, 1, 0, 0, 1]
    assert response.context["page"].paginator.count == 6
    assert re.search(r'data-testid="visit-count">6<', html)


def test_the_list_filters_by_kind_visitor_area_and_period(client_as, cast, places, logged):
    client = client_as("community_secretary")

    assert list_page(client, places.estate, kind="chat").context["page"].paginator.count == 3
    by_captain = list_page(client, places.estate, visitor=cast.building_captain.person.pk)
    assert by_captain.context["page"].paginator.count == 2
    assert list_page(client, places.community).context["page"].paginator.count == 7
    older = client.get(
        "/cases/visits/list/",
        {"area": places.estate.pk, "date_from": today() - timedelta(days=100), "date_to": today()},
    )
    assert older.context["page"].paginator.count == 7


def test_the_export_has_the_pages_numbers(client_as, cast, places, logged):
    response = list_page(client_as("community_secretary"), places.estate, format="xlsx")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    notes = dict(book.worksheets[1].iter_rows(values_only=True))

    by_name = {r[0]: [int(v) for v in r[1:]] for r in rows[1:]}
    assert by_name[cast.grid_worker.person.name] == [4, 2, 1, 1, 0]
    assert by_name[cast.building_captain.person.name] == [2, 1, 0, 0, 1]
    assert notes["走访次数"] == "6" and notes["走访人数"] == "2" and notes["人均走访次数"] == "3.0"


def test_workers_keep_their_own_log_and_do_not_see_the_staff_list(client_as):
    assert client_as("grid_worker").get("/cases/visits/list/").status_code == 403
    assert client_as("resident").get("/cases/visits/list/").status_code == 403
