"""Windows, roster and walk-ins (lianxin/provision/services/windows.py, views/windows.py): the community
opens a window at the estate's station; the station's staff (a post on the place) are put on its roster
and record a walk-in for 孙桂兰 — a case she is the reporter of, at the station's estate, counted in the
roll-up ``provision.walk_ins`` under the estate (+1) and its community. Others are refused."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lianxin.areas.models import Place
from lianxin.cases.models import Case, Channel, ReporterGroup
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from lianxin.provision.figures import WALK_INS
from lianxin.provision.models import WalkIn, WindowDuty
from lianxin.provision.seeds import catalogue_ensure
from lianxin.provision.services import duty_add, walk_in_record, window_save
from lianxin.rollups.selectors import rollup_sum
from lianxin.rollups.testing import assert_rollup_matches

pytestmark = pytest.mark.django_db

MOBILE = "13800138021"


@pytest.fixture
def station(places):
    return Place.objects.create(name="和谐家园党群服务站", area=places.estate)


@pytest.fixture
def station_staff(station):
    person = Person.objects.create(name="站务员")
    Post.objects.create(person=person, role=Role.PLACE_STAFF, place=station, start_date=date(2024, 1, 1))
    return User.objects.create(username="station_staff", person=person)


@pytest.fixture
def items(world):
    catalogue_ensure()
    from lianxin.provision.models import ServiceItem

    return {i.category.code: i for i in ServiceItem.objects.select_related("category")}


@pytest.fixture
def window(cast, station, items):
    return window_save(
        cast.community_secretary, place=station, name="综合窗口", items=[items["svc_legal_advice"]]
    )


@pytest.fixture
def resident(cast):
    person = cast.resident.person
    person.set_mobile(MOBILE)
    person.save()
    return person


def _count(path):
    today = timezone.localdate()
    return rollup_sum(key=WALK_INS, area_path=path, day_from=today, day_to=today).count


def test_a_walk_in_is_a_case_for_the_resident_counted_under_the_estate(
    cast, places, window, station_staff, resident, items, clock
):
    before = _count(places.estate.path)
    walk_in = walk_in_record(
        station_staff, window=window, item=items["svc_legal_advice"], resident=resident, note="咨询继承"
    )
    case = walk_in.case
    assert case.reporter == resident and case.reporter_group == ReporterGroup.RESIDENT
    assert case.area == places.estate
    # Its own channel: not counted among the liaisons' reports on behalf of a household (P002-32).
    assert case.channel == Channel.WALK_IN
    assert _count(places.estate.path) == before + 1
    assert _count(places.community.path) == before + 1
    assert _count(places.other_estate.path) == 0
    assert_rollup_matches(WALK_INS)


def test_the_same_key_records_one_walk_in(window, station_staff, resident, items, clock):
    for _ in range(2):
        walk_in_record(
            station_staff,
            window=window,
            item=items["svc_legal_advice"],
            resident=resident,
            idempotency_key="k",
        )
    assert WalkIn.objects.count() == 1 and Case.objects.count() == 1
    assert_rollup_matches(WALK_INS)


def test_a_service_the_window_does_not_handle_and_an_outsider_are_refused(
    cast, window, station_staff, resident, items, clock
):
    with pytest.raises(DomainError) as other_item:
        walk_in_record(station_staff, window=window, item=items["svc_meal_aid"], resident=resident)
    assert other_item.value.field == "item"
    with pytest.raises(DomainError) as outsider:
        walk_in_record(cast.grid_worker, window=window, item=items["svc_legal_advice"], resident=resident)
    assert outsider.value.code == "forbidden"
    assert not Case.objects.exists() and not WalkIn.objects.exists()


def test_the_roster_takes_the_place_s_staff_only_once_a_day(cast, window, station_staff):
    day = timezone.localdate() + timedelta(days=1)
    duty_add(cast.community_secretary, window=window, date=day, person=station_staff.person)
    with pytest.raises(DomainError) as twice:
        duty_add(cast.community_secretary, window=window, date=day, person=station_staff.person)
    assert twice.value.code == "invalid_state"
    with pytest.raises(DomainError) as not_staff:
        duty_add(cast.community_secretary, window=window, date=day, person=cast.resident.person)
    assert not_staff.value.field == "person"
    with pytest.raises(DomainError) as forbidden:
        duty_add(station_staff, window=window, date=day, person=station_staff.person)
    assert forbidden.value.code == "forbidden"
    assert WindowDuty.objects.count() == 1


def test_only_the_staff_over_the_place_open_windows(cast, station, items):
    with pytest.raises(DomainError) as refused:
        window_save(cast.grid_worker, place=station, name="窗口二", items=[items["svc_legal_advice"]])
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError) as empty:
        window_save(cast.community_secretary, place=station, name="窗口二", items=[])
    assert empty.value.field == "items"


def test_the_window_page_records_a_walk_in_and_shows_roster_and_count(
    client, cast, places, window, station_staff, resident, clock
):
    duty_add(cast.community_secretary, window=window, date=timezone.localdate(), person=station_staff.person)
    client.force_login(station_staff)
    assert client.get("/provision/windows/").status_code == 200
    page = client.get(f"/provision/windows/{window.pk}/")
    assert page.status_code == 200 and "站务员" in page.content.decode()
    item = window.items.get()
    answer = client.post(
        f"/provision/windows/{window.pk}/walk-ins/",
        {"mobile": MOBILE, "item": item.pk, "idempotency_key": "p1"},
    )
    assert answer.status_code == 302
    assert WalkIn.objects.get().case.reporter == resident
    assert 'data-testid="walk-in-total">1<' in client.get(f"/provision/windows/{window.pk}/").content.decode()
    unknown = client.post(
        f"/provision/windows/{window.pk}/walk-ins/", {"mobile": "13900000000", "item": item.pk}
    )
    assert unknown.status_code == 400
    assert WalkIn.objects.count() == 1


def test_the_pages_are_refused_to_residents_and_out_of_scope_staff_get_404(
    client_as, cast, window, world, places
):
    assert client_as("resident").get("/provision/windows/").status_code == 403
    assert client_as("community_secretary").get(f"/provision/windows/{window.pk}/").status_code == 200
    other = Person.objects.create(name="另一街道书记")
    street = [s for s in world.streets if s.pk != places.street.pk][0]
    Post.objects.create(person=other, role=Role.SECRETARY, area=street, start_date=date(2024, 1, 1))
    client = client_as("resident")
    client.force_login(User.objects.create(username="other_secretary", person=other))
    assert client.get(f"/provision/windows/{window.pk}/").status_code == 404


def test_a_walk_in_handled_here_is_closed_at_the_station(client, client_as, cast, window, resident, clock):
    """P003-09: the estate's grid worker at the station records a walk-in to handle herself (当场办理): the
    case is hers at once (in progress), her window page offers 当场办结, the handling is recorded there; the
    community verifies it and the resident's rating closes it. Over the API the walk-in says its state."""
    from lianxin.cases import services as case_services
    from lianxin.cases.models import State

    worker = cast.grid_worker
    Post.objects.create(
        person=worker.person, role=Role.PLACE_STAFF, place=window.place, start_date=date(2024, 1, 1)
    )
    client.force_login(worker)
    item = window.items.get()
    answer = client.post(
        f"/provision/windows/{window.pk}/walk-ins/",
        {"mobile": MOBILE, "item": item.pk, "handle_here": "1", "idempotency_key": "h1"},
    )
    assert answer.status_code == 302, answer.content.decode()[:400]
    case = WalkIn.objects.get().case
    assert case.state == State.IN_PROGRESS and case.handler_person == worker.person
    page = client.get(f"/provision/windows/{window.pk}/").content.decode()
    walk_in = WalkIn.objects.get()
    assert f'data-testid="handle-{walk_in.pk}"' in page
    done = client.post(f"/cases/{case.pk}/steps/handle/", {"note": "当场开具证明"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.state == State.HANDLED
    assert (
        f'data-testid="handle-{walk_in.pk}"'
        not in client.get(f"/provision/windows/{window.pk}/").content.decode()
    )
    case_services.case_verify(cast.community_secretary, case=case, passed=True, note="回访")
    case_services.case_rate(cast.resident, case=case, stars=5)
    case.refresh_from_db()
    assert case.state == State.CLOSED
    listed = client.get(f"/api/v1/windows/{window.pk}/walk-ins").json()["items"]
    assert [(w["case_number"], w["state"]) for w in listed] == [(case.number, "closed")]
    made = client.post(
        f"/api/v1/windows/{window.pk}/walk-ins",
        {"mobile": MOBILE, "item": item.pk, "handle_here": True},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="h2",
    )
    assert made.status_code == 201 and made.json()["state"] == "in_progress"
