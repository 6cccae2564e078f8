"""Every operation applies the query parameters it documents and refuses any other with a 400 in Chinese
(issue 19: ``/figures/?reporter_group=`` and ``/areas/{id}/subtree?level=`` were silently ignored)."""

import re

import pytest

from lianxin.api import api
from lianxin.areas.models import Area, Level
from lianxin.core.scope import under

pytestmark = pytest.mark.django_db

ROOT = "/api/v1"


def _operations(method: str):
    schema = api.get_openapi_schema(path_prefix="")
    for path, operations in schema["paths"].items():
        if method in operations:
            query = [p["name"] for p in operations[method].get("parameters", []) if p.get("in") == "query"]
            yield re.sub(r"{[^}]+}", "1", path), query


GETS = list(_operations("get"))


def test_the_schema_has_get_operations_to_check():
    assert len(GETS) > 30


@pytest.mark.parametrize(("path", "declared"), GETS, ids=[p for p, _q in GETS])
def test_an_unknown_query_parameter_is_a_400_naming_it(api_as, path, declared):
    response = api_as("county_admin").get(f"{ROOT}{path}", {"no_such_parameter": "1"})
    assert response.status_code == 400, path
    error = response.json()["error"]
    assert error["code"] == "unknown_parameter"
    assert "no_such_parameter" in error["message"] and "无法识别的查询参数" in error["message"]
    assert set(error["fields"]) == {"no_such_parameter"}
    for name in declared:  # the message lists what the address takes
        assert name in error["message"]


@pytest.mark.parametrize(("path", "declared"), GETS, ids=[p for p, _q in GETS])
def test_every_declared_query_parameter_is_accepted(api_as, path, declared):
    if not declared:
        return
    response = api_as("county_admin").get(f"{ROOT}{path}", dict.fromkeys(declared, "1"))
    # The values may be refused (422, 404 …), the names never.
    assert response.status_code < 500
    if response.status_code == 400:
        assert response.json()["error"]["code"] != "unknown_parameter", path


def test_the_figures_refuse_a_filter_they_do_not_have(api_as, world):
    response = api_as("county_admin").get(f"{ROOT}/figures/", {"reporter_group": "resident"})
    assert response.status_code == 400
    assert "reporter_group" in response.json()["error"]["message"]


def test_a_subtree_can_be_narrowed_to_one_level(api_as, world):
    client = api_as("county_admin")
    body = client.get(f"{ROOT}/areas/{world.county.pk}/subtree", {"level": "community", "limit": 200}).json()
    expected = Area.objects.filter(under("path", world.county.path), level=Level.COMMUNITY).count()
    assert expected > 1
    assert len(body["items"]) == expected
    assert {item["level"] for item in body["items"]} == {"community"}
    refused = client.get(f"{ROOT}/areas/{world.county.pk}/subtree", {"level": "planet"})
    assert refused.status_code in (400, 422)


def test_a_post_with_an_unknown_query_parameter_is_refused_too(api_as, world):
    response = api_as("county_admin").post(
        f"{ROOT}/cases/?no_such_parameter=1", data={}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_parameter"
