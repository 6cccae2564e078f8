"""The dashboard and the big screen draw their charts in Debian's chromium with no script error."""

import pytest

from lianxin.cases.tests.test_figures_known import five_cases  # noqa: F401 - the hand-made cases
from tests.personas import PASSWORD
from tests.test_browser import browser  # noqa: F401 - the shared chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cases(request, world):
    """The hand-made cases; a transactional test starts from a flushed database, so the category tree
    seeded by the migration is laid again first."""
    from importlib import import_module

    from django.apps import apps

    import_module("lianxin.cases.migrations.0003_seed_categories").seed(apps, None)
    return request.getfixturevalue("five_cases")


from tests.test_browser import demo_totp_code  # noqa: E402


def _signed_in(browser, live_server, *, viewport=None):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    # A missing favicon is the browser's business, not ours; any other failed load is an error.
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None
        ),
    )
    page.goto("/accounts/login/")
    page.get_by_label("账号或手机号").fill("county_admin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    # The organisation department's post needs its second factor (the demo account is enrolled).
    page.wait_for_url("**/accounts/otp/**")
    page.get_by_label("动态码").fill(demo_totp_code())
    page.get_by_role("button", name="验证").click()
    page.wait_for_url("**/")
    return context, page, errors


def _script_errors(errors):
    return [e for e in errors if not e.startswith("Failed to load resource")]


def test_the_dashboard_draws_its_charts(browser, live_server, cast, cases):  # noqa: F811
    context, page, errors = _signed_in(browser, live_server)
    day = cases["a"].reported_at.date()
    page.goto(f"/dashboard/?period=week&day={day}")
    page.wait_for_selector("html[data-charts-ready='true']")
    for name in ["trend", "categories", "ranking", "treemap"]:
        assert page.locator(f"[data-chart='{name}'] canvas").count() == 1, name
    assert page.get_by_test_id("figure-cards").get_by_text("80.0%").is_visible()
    page.wait_for_selector("[data-testid='practices']")  # the panels arrive through HTMX
    assert "计算于" in page.get_by_test_id("practices-computed").inner_text()
    page.wait_for_selector("[data-testid='organisation']")
    assert _script_errors(errors) == []
    context.close()


def test_the_big_screen_fills_1920_by_1080_in_the_dark(browser, live_server, cast, cases):  # noqa: F811
    context, page, errors = _signed_in(browser, live_server, viewport={"width": 1920, "height": 1080})
    page.goto(f"/dashboard/screen/?period=week&day={cases['a'].reported_at.date()}")
    page.wait_for_selector("html[data-charts-ready='true']")
    assert page.locator("[data-chart='gauges'] canvas").count() == 1
    box = page.locator(".screen-wrap").bounding_box()
    assert (box["width"], box["height"]) == (1920, 1080)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(6, 18, 43)"
    assert _script_errors(errors) == []
    context.close()
