"""The resident's report on a phone: 使用我的位置 fills the place with the nearest estate and names it, the
category list is short with search, and a refused report says what is missing."""

import pytest

from lianxin.areas.models import Area
from lianxin.cases.models import Case
from tests.test_browser import browser  # noqa: F401 - the module's chromium, shared
from tests.test_browser_cases import categories, signed_in  # noqa: F401 - seeded categories, signed-in pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 780}


def test_use_my_position_fills_the_place_and_the_report_lands_in_the_nearest_estate(signed_in, cast, places):  # noqa: F811
    other = Area.objects.get(pk=places.other_estate.pk)
    assert other.lat is not None  # the demo world's estates have positions
    page = signed_in(
        cast.resident,
        viewport=PHONE,
        geolocation={"latitude": float(other.lat), "longitude": float(other.lng)},
        permissions=["geolocation"],
    )
    page.goto("/cases/report/")

    page.get_by_test_id("report-submit").click()  # nothing filled in: each missing field is named
    page.get_by_text("请选择类别").first.wait_for()
    assert page.get_by_text("请描述问题").first.is_visible()
    assert page.get_by_text("这个字段是必填项").count() == 0

    picker = page.get_by_test_id("category-picker")
    shown = picker.locator(".category-option:visible").count()
    assert 0 < shown < picker.locator(".category-option").count()
    picker.get_by_role("searchbox").fill("垃圾")
    picker.get_by_text("垃圾清运").click()
    page.get_by_label("遇到了什么问题？").fill("小区门口垃圾两天没人清")
    page.get_by_role("button", name="使用我的位置").click()
    page.get_by_text(other.name).first.wait_for()
    assert page.get_by_label("位置", exact=True).input_value() == "nearest"
    page.get_by_test_id("report-submit").click()

    page.wait_for_url("**/cases/*/")
    case = Case.objects.get(reporter=cast.resident.person)
    assert case.area == other and case.category.code == "garbage"
