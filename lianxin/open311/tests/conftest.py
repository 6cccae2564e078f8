"""An external system over the resident's street (the demo's 凤凰街道), its key, and helpers to call and
parse Open311 in both formats."""

import json
from decimal import Decimal

import defusedxml.ElementTree as ET
import pytest
from django.test import Client

from lianxin.open311.services import key_issue, system_create

V2 = "/open311/v2"


@pytest.fixture
def system(places):
    return system_create(name="12345热线", code="hotline-12345", area=places.street)


@pytest.fixture
def api_key(system):
    _key, secret = key_issue(system=system)
    return secret


@pytest.fixture
def positioned(places):
    """Give the resident's estate and a neighbouring estate positions, about 1.1 km apart."""
    places.estate.lat, places.estate.lng = Decimal("35.233500"), Decimal("115.441200")
    places.estate.save(update_fields=["lat", "lng"])
    places.other_estate.lat, places.other_estate.lng = Decimal("35.243500"), Decimal("115.441200")
    places.other_estate.save(update_fields=["lat", "lng"])
    return places


@pytest.fixture
def o311():
    return Client()


def parse(response, fmt: str):
    """The body as data: JSON as it is; XML as (root tag, element)."""
    assert response["Content-Type"].startswith("application/json" if fmt == "json" else "text/xml")
    assert "charset=utf-8" in response["Content-Type"]
    if fmt == "json":
        return json.loads(response.content.decode("utf-8"))
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def xml_items(root, tag: str) -> list[dict]:
    """The children ``tag`` of ``root`` as dicts of their leaf elements' text."""
    return [{child.tag: child.text for child in item} for item in root.findall(tag)]


def errors_of(response, fmt: str) -> list[dict]:
    body = parse(response, fmt)
    if fmt == "json":
        assert isinstance(body, list)
        return body
    assert body.tag == "errors"
    assert body.attrib == {}
    return xml_items(body, "error")
