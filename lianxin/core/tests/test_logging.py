import io
import logging
import logging.config

import pytest
import structlog
from django.conf import settings


@pytest.fixture
def log_lines():
    """Every log line the project writes during the test, formatted exactly as on stdout."""
    stream = io.StringIO()
    config = settings.LOGGING["formatters"]["logfmt"].copy()
    factory = config.pop("()")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(factory(**config))
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: stream.getvalue().splitlines()
    root.removeHandler(handler)


def test_a_log_line_is_logfmt_with_time_level_event_and_request_id(log_lines):
    structlog.contextvars.bind_contextvars(request_id="req-123")
    try:
        structlog.get_logger("lianxin.test").info("case_reported", case_id=42)
    finally:
        structlog.contextvars.clear_contextvars()

    (line,) = [line for line in log_lines() if "case_reported" in line]
    assert line.startswith("timestamp=")
    assert "level=info" in line
    assert "event=case_reported" in line
    assert "request_id=req-123" in line
    assert "case_id=42" in line


def test_lines_from_plain_logging_get_the_same_shape(log_lines):
    structlog.contextvars.bind_contextvars(request_id="req-456")
    try:
        logging.getLogger("django.request").warning("Not Found: /nowhere")
    finally:
        structlog.contextvars.clear_contextvars()

    (line,) = [line for line in log_lines() if "nowhere" in line]
    assert "level=warning" in line
    assert 'event="Not Found: /nowhere"' in line
    assert "request_id=req-456" in line


@pytest.mark.django_db
def test_each_request_logs_its_id_and_returns_it_in_a_header(client, log_lines):
    response = client.get("/healthz")

    request_id = response["X-Request-ID"]
    assert len(request_id) >= 32
    finished = [line for line in log_lines() if "event=request_finished" in line]
    assert finished, log_lines()
    assert f"request_id={request_id}" in finished[-1]
    assert "code=200" in finished[-1]


@pytest.mark.django_db
def test_a_request_id_sent_by_a_trusted_proxy_is_kept(client, settings):
    settings.DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True

    response = client.get("/healthz", headers={"X-Request-ID": "from-nginx-1"})

    assert response["X-Request-ID"] == "from-nginx-1"


@pytest.mark.django_db
def test_a_request_id_sent_by_a_client_is_not_trusted_by_default(client):
    response = client.get("/healthz", headers={"X-Request-ID": "chosen-by-client"})

    assert response["X-Request-ID"] != "chosen-by-client"
