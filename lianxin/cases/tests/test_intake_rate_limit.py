"""Report intake is limited per account in the shared cache, on the pages and in the API alike (429 with a
Chinese message); the limit is a setting."""

from lianxin.cases.models import Case
from tests.cases_world import category


def test_the_report_page_refuses_a_flood_with_429_in_chinese(client_as, cast, places, clock, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report": "2/h"}
    client = client_as("resident")
    data = {"category": category("stair_light").pk, "description": "楼道灯不亮", "area": places.building.pk}
    statuses = [client.post("/cases/report/", {**data, "idempotency_key": k}).status_code for k in "abc"]
    assert statuses[2] == 429 and 429 not in statuses[:2]
    refused = client.post("/cases/report/", {**data, "idempotency_key": "k9"})
    assert "请求过于频繁" in refused.content.decode() or "稍后" in refused.content.decode()
    assert refused["Retry-After"]


def test_the_api_refuses_a_flood_with_the_error_shape(client_as, cast, places, clock, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report": "1/h"}
    client = client_as("resident")
    body = {"category": category("stair_light").pk, "area": places.building.pk, "description": "灯坏了"}
    first = client.post("/api/v1/cases/", body, content_type="application/json")
    second = client.post("/api/v1/cases/", body, content_type="application/json")
    assert first.status_code == 201
    assert second.status_code == 429 and second.json()["error"]["code"] == "rate_limited"
    assert Case.objects.filter(reporter=cast.resident.person).count() == 1
