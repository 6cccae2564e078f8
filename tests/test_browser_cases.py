"""The case loop in a real browser: a resident reports with a photo from his phone, a building captain takes
and handles on his phone, a community secretary bulk-dispatches from the desktop queue with the keyboard."""

import io

import pytest
from django.test import Client
from PIL import Image

from lianxin.cases import services
from lianxin.cases.models import Case, State
from tests.cases_world import category, department
from tests.test_browser import browser  # noqa: F401 - the module's chromium, shared

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def categories(db):
    """A transactional test's flush empties the category tree its migration seeded: seed it again."""
    from importlib import import_module

    from django.apps import apps

    import_module("lianxin.cases.migrations.0003_seed_categories").seed(apps, None)


@pytest.fixture
def signed_in(browser, live_server):  # noqa: F811 - the shared fixture
    """``signed_in(user, viewport=...)``: a page already signed in as ``user`` (the sign-in page has its
    own tests)."""
    contexts = []

    def open_page(user, **options):
        client = Client()
        client.force_login(user)
        try:
            from tests.personas import otp_verify_session
        except ImportError:  # before the second factor exists
            pass
        else:
            otp_verify_session(client, user)
        context = browser.new_context(base_url=live_server.url, locale="zh-CN", **options)
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_a_resident_reports_with_a_photo_and_finds_it_in_my_cases(signed_in, cast, places, tmp_path):
    picture = tmp_path / "light.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (240, 200, 30)).save(buffer, format="JPEG")
    picture.write_bytes(buffer.getvalue())
    page = signed_in(cast.resident, viewport=PHONE)

    page.goto("/")
    page.locator(".tabbar").get_by_text("上报", exact=True).click()
    # The picker's script runs when the page has loaded; assert on the page it has arranged.
    page.wait_for_url("**/cases/report/")
    page.wait_for_load_state("load")
    # A resident's short list shows the main kinds; a sub-kind is found by searching.
    picker = page.get_by_test_id("category-picker")
    assert not picker.get_by_text("楼道照明").is_visible()
    picker.get_by_role("searchbox").fill("楼道")
    picker.get_by_text("楼道照明").click()
    page.get_by_label("遇到了什么问题？").fill("1号楼楼道灯不亮，晚上看不见台阶")
    page.get_by_test_id("photo-input").set_input_files(str(picture))
    page.locator("#report-photos-list img").wait_for()
    page.get_by_label("位置", exact=True).select_option(str(places.building.pk))
    page.get_by_test_id("report-submit").click()

    page.wait_for_url("**/cases/*/")
    assert page.get_by_test_id("case-state").inner_text() == "已派单"
    assert page.locator('[data-testid="case-summary"] img').count() == 1
    page.locator(".tabbar").get_by_text("我的诉求").click()
    page.get_by_test_id("my-cases").get_by_text("楼道照明").first.wait_for()


def test_a_captain_takes_and_handles_a_case_on_his_phone(signed_in, cast, places):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯坏了"
    )
    page = signed_in(cast.building_captain, viewport=PHONE)

    page.goto("/")
    page.locator(".tabbar").get_by_text("我的待办").click()
    # Take is an htmx button: press it once the new page's scripts have loaded.
    page.wait_for_url("**/cases/todo/**")
    page.wait_for_load_state("load")
    row = page.locator(f"#case-row-{case.pk}")
    row.get_by_test_id("take").click()
    row.get_by_text("已完成：接单。").wait_for()
    assert Case.objects.get(pk=case.pk).state == State.IN_PROGRESS

    page.locator(f"#case-row-{case.pk} a.case-link").click()
    handle = page.get_by_test_id("step-handle")
    handle.get_by_test_id("submit-handle").click()  # refused (no note): the form comes back with why
    page.get_by_test_id("step-handle").get_by_text("请说明处置情况。").wait_for()
    handle = page.get_by_test_id("step-handle")
    handle.get_by_label("处置情况").fill("已更换声控灯泡")
    handle.get_by_test_id("submit-handle").click()
    page.get_by_test_id("step-done").wait_for()
    assert page.get_by_test_id("case-state").inner_text() == "已处置"
    assert page.get_by_test_id("timeline").get_by_text("已更换声控灯泡").is_visible()


def test_the_community_bulk_dispatches_from_the_queue_with_the_keyboard(signed_in, cast, places, world):
    cases = [
        services.case_report(
            cast.community_secretary,
            category=category("road_damage"),
            area=places.community,
            description=f"来电反映道路破损 {n}",
            channel="hotline",
        )
        for n in range(2)
    ]
    zhujian = department("zhujian", world.county)
    page = signed_in(cast.community_secretary, viewport={"width": 1366, "height": 900})

    page.goto("/cases/")
    page.get_by_test_id("queue-table").wait_for()
    page.locator("body").click(position={"x": 5, "y": 5})
    for _ in cases:
        page.keyboard.press("j")
        page.keyboard.press("x")
    page.get_by_label("所选诉求派给").select_option(f"department:{zhujian.pk}")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("d")

    page.get_by_test_id("bulk-results").wait_for()
    assert page.get_by_test_id("bulk-result").count() == 2
    assert page.locator(".result-ok").count() == 2
    for case in cases:
        case.refresh_from_db()
        assert case.handler_department == zhujian
