"""End to end in Debian's chromium, driven by Playwright: what a person does, in a real browser."""

import os
import shutil

import pytest

from tests.personas import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: in CI the browser tests must run")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the test's
    # own database calls as "async unsafe".
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def demo_totp_code() -> str:
    from django_otp.oath import totp

    from lianxin.demo.accounts import DEMO_TOTP_KEY_HEX

    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}"


@pytest.fixture
def page(browser, live_server, cast):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_sign_in_see_the_workbench_and_sign_out(page):
    violations = []
    page.on(
        "console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    page.goto("/")
    assert page.url.endswith("/accounts/login/?next=/")

    page.get_by_label("账号或手机号").fill("county_admin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    # The organisation department's post requires a second factor: the demo account is enrolled.
    page.wait_for_url("**/accounts/otp/**")
    page.get_by_label("动态码").fill(demo_totp_code())
    page.get_by_role("button", name="验证").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", name="您好，王建国").is_visible()
    assert page.locator(".sidenav").is_visible()
    assert page.get_by_text("暂无待办事项").is_visible()
    page.goto("/api/v1/docs")  # the Swagger page: its scripts and styles come from this site only
    page.wait_for_selector(".swagger-ui")
    page.goto("/")
    assert violations == []  # the CSP blocked nothing the pages need

    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/")
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_a_wrong_password_shows_the_chinese_message(page):
    page.goto("/accounts/login/")
    page.get_by_label("账号或手机号").fill("13800000004")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()

    assert page.get_by_role("alert").inner_text() == "账号、手机号或密码不正确，请重新输入。"


def test_on_a_phone_the_navigation_is_a_bottom_tab_bar(browser, live_server, cast):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("账号或手机号").fill("13800000012")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/")

    assert page.locator(".tabbar").is_visible()
    assert not page.locator(".sidenav").is_visible()
    page.locator(".tabbar").get_by_text("我的", exact=True).click()
    page.wait_for_url("**/accounts/me/")
    assert page.get_by_text("138****0012").is_visible()
    context.close()
