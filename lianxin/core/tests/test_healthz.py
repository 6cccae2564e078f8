import pytest

from lianxin.core import health


def _fail(message):
    def check():
        raise RuntimeError(message)

    return check


@pytest.mark.django_db
def test_healthz_answers_200_when_database_cache_and_queue_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert set(body["checks"]) == {"database", "cache", "queue"}
    assert all(check["status"] == "ok" for check in body["checks"].values())


@pytest.mark.django_db
def test_healthz_needs_no_sign_in_and_is_never_cached(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("failing", ["database", "cache", "queue"])
def test_healthz_answers_503_naming_the_part_that_failed(client, monkeypatch, failing):
    monkeypatch.setitem(health.CHECKS, failing, _fail("connection refused"))

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["failed"] == [failing]
    assert body["checks"][failing] == {"status": "error", "detail": "RuntimeError: connection refused"}
    others = set(health.CHECKS) - {failing}
    assert all(body["checks"][name]["status"] == "ok" for name in others)


@pytest.mark.django_db
def test_healthz_reports_every_failure_at_once(client, monkeypatch):
    monkeypatch.setitem(health.CHECKS, "cache", _fail("down"))
    monkeypatch.setitem(health.CHECKS, "queue", _fail("down"))

    body = client.get("/healthz").json()

    assert body["failed"] == ["cache", "queue"]


def test_cache_check_fails_when_the_cache_loses_what_was_written(monkeypatch):
    monkeypatch.setattr(health.cache, "get", lambda key: None)

    with pytest.raises(RuntimeError, match="did not return"):
        health.check_cache()


@pytest.mark.django_db
def test_healthz_rejects_writes(client):
    assert client.post("/healthz").status_code == 405
