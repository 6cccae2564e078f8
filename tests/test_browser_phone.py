"""Staff on a 360 px phone: every page of their menu is reached through the 更多 drawer, and no page is wider
than the screen (tables scroll inside themselves)."""

import pytest
from django.test import Client

from tests.personas import otp_verify_session
from tests.test_browser import browser  # noqa: F401 - the module's chromium, shared

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}
WIDE_PAGES = ["/areas/", "/party/", "/accounts/tokens/", "/dashboard/", "/people/", "/cases/"]


@pytest.fixture
def phone(browser, live_server):  # noqa: F811 - the shared fixture
    contexts = []

    def open_page(user):
        client = Client()
        client.force_login(user)
        otp_verify_session(client, user)
        context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=PHONE)
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


def _page_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


@pytest.mark.parametrize("username", ["grid_worker", "community_secretary"])
def test_every_menu_item_is_reached_through_the_drawer_on_a_phone(phone, cast, username):
    page = phone(cast[username])
    page.goto("/")
    assert not page.locator(".sidenav").is_visible()
    menu = page.eval_on_selector_all(
        ".sidenav a.nav-link", "links => links.map(a => [a.getAttribute('href'), a.textContent.trim()])"
    )
    assert len(menu) >= 25  # a worker's and a secretary's day: far more than the five tabs hold

    for href, label in menu:
        drawer = page.get_by_test_id("nav-more-panel")
        assert not drawer.is_visible()
        page.get_by_test_id("nav-more-toggle").click()
        link = drawer.get_by_role("link", name=label, exact=True)
        assert link.is_visible(), label
        link.click()
        page.wait_for_url(f"**{href}")
        assert _page_width(page) <= PHONE["width"], href


@pytest.mark.parametrize("username", ["grid_worker", "community_secretary"])
def test_no_page_is_wider_than_the_phone(phone, cast, username):
    page = phone(cast[username])
    for path in WIDE_PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert _page_width(page) <= PHONE["width"], path


def test_the_people_table_scrolls_inside_itself_with_readable_addresses(phone, cast):
    page = phone(cast.community_secretary)
    page.goto("/people/")
    wrap = page.locator(".table-wrap").first
    scroll_width, client_width = wrap.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert scroll_width > client_width  # the table keeps its width and scrolls, the page does not
    # Each address cell stays a line or two high, not one character a line.
    heights = page.eval_on_selector_all(
        "[data-testid=person-table] tbody td:nth-child(4)", "cells => cells.map(c => c.offsetHeight)"
    )
    assert heights and max(heights) < 80
