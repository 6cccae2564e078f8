"""Assertions the API tests share: the error shape, and walking a paged list to its end."""

import re

from django.test import Client

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def walk(client: Client, url: str, **params) -> list[dict]:
    """Every item of a paged list, following next_cursor to the end."""
    items, cursor = [], ""
    while True:
        response = client.get(url, {**params, "limit": 200, "cursor": cursor})
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return items


def assert_error(response, status: int, code: str) -> dict:
    """The one error shape, with its status, its code and a message."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    return error


def assert_chinese(text: str) -> None:
    assert CHINESE.search(text), text
