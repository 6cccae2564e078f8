"""Every kind of failure an endpoint can raise becomes the one error shape, with a fitting status."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from ninja.errors import Throttled

from lianxin.api import api
from lianxin.core.api_errors import validation_fields
from lianxin.core.errors_domain import DomainError


def _answer(exc) -> tuple[int, dict]:
    response = api.on_exception(RequestFactory().get("/api/v1/x"), exc)
    return response.status_code, json.loads(response.content)["error"]


def test_a_domain_error_is_a_400_with_its_code_and_its_field():
    status, error = _answer(DomainError("名称已被使用", code="duplicate", field="name"))

    assert status == 400
    assert error == {"code": "duplicate", "message": "名称已被使用", "fields": {"name": "名称已被使用"}}


def test_a_permission_refusal_is_a_403():
    status, error = _answer(PermissionDenied())

    assert status == 403
    assert error["code"] == "forbidden"


def test_too_many_requests_is_a_429():
    status, error = _answer(Throttled(wait=5))

    assert status == 429
    assert error["code"] == "throttled"


@pytest.mark.parametrize(
    ("loc", "field"),
    [
        (("query", "limit"), "limit"),
        (("path", "area_id"), "area_id"),
        (("body", "payload", "name"), "name"),
        (("body", "payload", "address", "street"), "address.street"),
        (("body",), "__all__"),
    ],
)
def test_a_validation_error_names_the_field_where_the_client_put_it(loc, field):
    fields = validation_fields([{"loc": loc, "type": "missing", "msg": "Field required"}])

    assert list(fields) == [field]
