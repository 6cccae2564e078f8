"""The schema and the interactive docs are served, and the docs need no outside address."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_is_served_with_every_territory_endpoint(client):
    response = client.get("/api/v1/openapi.json")

    schema = response.json()
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/areas/",
        "/api/v1/areas/{area_id}",
        "/api/v1/areas/{area_id}/children",
        "/api/v1/areas/{area_id}/subtree",
        "/api/v1/areas/by-code/{code}",
        "/api/v1/persons/",
        "/api/v1/persons/{person_id}",
        "/api/v1/party-orgs/",
        "/api/v1/party-orgs/{org_id}",
        "/api/v1/party-orgs/{org_id}/children",
        "/api/v1/posts/",
    } <= set(schema["paths"])
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])


def test_the_docs_page_loads_only_local_files(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()

    assert response.status_code == 200
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("name", ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js"])
def test_the_docs_files_are_served_from_the_platform(client, name):
    response = client.get(f"/api/v1/docs/assets/{name}")

    assert response.status_code == 200
    assert len(b"".join(response.streaming_content)) > 500


def test_only_the_docs_files_are_served_from_the_assets_address(client):
    assert client.get("/api/v1/docs/assets/..%2F..%2Fmain.py").status_code == 404
    assert client.get("/api/v1/docs/assets/redoc.standalone.js.map").status_code == 404


def test_the_api_root_points_to_the_schema_and_the_docs(client):
    body = client.get("/api/v1/").json()

    assert body["openapi"] == "/api/v1/openapi.json"
    assert body["docs"] == "/api/v1/docs"


def test_no_two_api_schemas_share_a_name():
    # OpenAPI components are keyed by the class name: a second app's MemberOut silently replaced the first
    # in the published schema, and clients validating against it saw answers that did not match.
    from ninja import Schema

    import lianxin.api  # noqa: F401 - every router and its schemas

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    seen: dict[str, str] = {}
    clashes = []
    for schema in subclasses(Schema):
        if not schema.__module__.startswith("lianxin."):
            continue
        where = f"{schema.__module__}.{schema.__qualname__}"
        other = seen.setdefault(schema.__name__, where)
        if other != where:
            clashes.append((schema.__name__, other, where))
    assert clashes == []
