"""The top bar names the user's current posts instead of "no post assigned"."""

import re

import pytest

pytestmark = pytest.mark.django_db


def top_bar_post(html: str) -> str:
    return re.search(r'<span class="user-post">(.*?)</span>\s*</a>', html, flags=re.S).group(1)


def test_the_top_bar_shows_the_grid_workers_post_and_estate(client_as, world):
    shown = top_bar_post(client_as("grid_worker").get("/").content.decode())

    assert world.estates[0].name in shown
    assert "尚未分配岗位" not in shown


def test_a_user_with_two_posts_sees_the_first_and_both_on_hover(client_as, world):
    shown = top_bar_post(client_as("street_secretary").get("/").content.decode())

    title = re.search(r'title="([^"]*)"', shown).group(1)
    assert world.streets[0].name in title
    assert world.working_committees[0].name in title


def test_a_resident_without_a_post_still_reads_that_none_is_assigned(client_as):
    assert "尚未分配岗位" in top_bar_post(client_as("resident").get("/").content.decode())
