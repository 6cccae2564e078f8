"""The demo's walk-ins at 和谐家园小区工作站 and its material notices (scenario 5, P003-09, P002-44):
one walk-in closed at the station, a 高龄津贴 with a first and a second notice (so "how often a second
notice" is not 0 on the notices page, its export and the API alike), one left to its routing; and the
provider_staff takes 颐康长者食堂's orders (scenario 1). A rerun adds nothing."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from lianxin.cases.models import State
from lianxin.demo.service_orders import demo_service_orders_load, demo_walk_ins_load
from lianxin.demo.station_staff import STATION, station_staff_ensure
from lianxin.people.models import Post
from lianxin.provision.demo import provision_demo_ensure
from lianxin.provision.demo_places import places_demo_ensure
from lianxin.provision.models import MaterialNotice, WalkIn

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def test_the_station_s_walk_ins_and_notices_stand_in_the_demo(cast):
    provision_demo_ensure()
    places_demo_ensure()
    demo_service_orders_load()
    station_staff_ensure()
    made = demo_walk_ins_load()
    assert made == {"walk_ins": 3, "notices": 2, "second": 1}
    assert demo_walk_ins_load() == made, "a rerun adds nothing"
    walk_ins = WalkIn.objects.filter(window__place__name=STATION).select_related("case")
    states = sorted(w.case.state for w in walk_ins)
    assert State.CLOSED in states and State.IN_PROGRESS in states
    notices = MaterialNotice.objects.order_by("seq")
    assert [n.missing for n in notices] == [["户口簿", "银行卡"], ["银行卡"]]
    secretary = _client(cast.community_secretary)
    page = secretary.get("/provision/material-notices/")
    assert page.status_code == 200
    api = secretary.get("/api/v1/material-notices/").json()
    assert len(api["items"]) == 2
    assert Post.objects.filter(person=cast.provider_staff.person, organisation__name="颐康长者食堂").exists()


def test_the_second_notice_figure_agrees_on_page_and_export(cast):
    provision_demo_ensure()
    places_demo_ensure()
    station_staff_ensure()
    demo_walk_ins_load()
    client = _client(cast.community_secretary)
    page = client.get("/provision/material-notices/").content.decode()
    answer = client.get("/provision/material-notices/", {"format": "xlsx"})
    assert answer.status_code == 200, "the notices page has an export"
    book = load_workbook(io.BytesIO(answer.content))
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert 'data-testid="notice-count">2<' in page and 'data-testid="second-count">1<' in page
    notes = {row[0].value: row[1].value for row in book.worksheets[1].iter_rows()}
    assert (notes["告知单"], notes["再次告知"], notes["涉及诉求"]) == ("2", "1", "1")
    assert book.worksheets[0].max_row == 3 and "银行卡" in cells
    api = client.get("/api/v1/material-notices/").json()["items"]
    assert (len(api), sum(n["is_second"] for n in api)) == (2, 1)


def test_the_demo_has_care_visits_and_a_taker_for_the_chain_team(cast, world):
    """P003-22: two care visits to couriers (6 person-times, 4 persons); P000-62: the provider_staff also
    holds a post on 煤化工产业链税务服务队, so the team's orders have a taker."""
    from lianxin.demo.service_orders import demo_care_visits_load
    from lianxin.party.models import CourierRecord
    from lianxin.people.models import Person

    for n in range(4):
        person = Person.objects.create(
            name=f"快递员{n}",
            area=cast.community_secretary.person.area,
            area_path=cast.community_secretary.person.area.path,
        )
        CourierRecord.objects.create(person=person)
    provision_demo_ensure()
    demo_service_orders_load()
    made = demo_care_visits_load()
    assert made == {"visits": 2, "person_times": 6, "persons": 4}
    assert demo_care_visits_load() == made
    assert Post.objects.filter(
        person=cast.provider_staff.person, organisation__name="煤化工产业链税务服务队"
    ).exists()
