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


@pytest.mark.django_db
def test_credentials_in_a_query_string_never_reach_the_log(client, log_lines):
    client.get("/open311/v2/requests.json", {"api_key": "sekrit-0penkey-123", "jurisdiction_id": "jx-secret"})
    client.get("/healthz", {"token": "tok-abc-999", "password": "pw-Xy-1", "code": "918273", "page": "3"})

    text = "\n".join(log_lines())
    assert "request_started" in text  # the requests were logged
    for secret in ("sekrit-0penkey-123", "jx-secret", "tok-abc-999", "pw-Xy-1", "918273"):
        assert secret not in text, secret
    assert "api_key=***" in text
    assert "page=3" in text  # a known code or number stays readable


@pytest.mark.django_db
def test_free_text_searched_by_staff_never_reaches_the_log(client_as, log_lines):
    client_as("grid_worker").get("/people/", {"q": "孙桂兰", "area": "12"})

    text = "\n".join(log_lines())
    assert "request_finished" in text
    assert "孙桂兰" not in text
    assert "%E5%AD%99" not in text.upper()  # nor its URL-encoded form
    assert "q=***" in text and "area=12" in text


def test_exception_messages_are_withheld_but_the_type_and_place_are_kept(log_lines):
    # The texts come from variables, as titles and names do in real code (a traceback shows source lines).
    title, name, other = "楼道灯坏了", "孙桂兰", "王建国"
    try:
        raise ValueError(f"{title} cannot be used in worksheets (title of {name})")
    except ValueError:
        structlog.get_logger("lianxin.test").exception("export_failed")
    try:
        raise KeyError(other)
    except KeyError:
        logging.getLogger("django.request").error("Internal Server Error: /x", exc_info=True)

    text = "\n".join(log_lines())
    assert "export_failed" in text and "ValueError" in text and "KeyError" in text
    assert "test_logging.py" in text  # where it happened stays
    for free_text in ("楼道灯坏了", "孙桂兰", "王建国"):
        assert free_text not in text, free_text


def test_the_gunicorn_access_log_format_carries_no_query_string():
    import runpy

    conf = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))

    log_format = conf["access_log_format"]
    assert "%(U)s" in log_format  # the path alone
    for with_query in ("%(r)s", "%(q)s", "%({raw_uri}e)s", "%(f)s"):
        assert with_query not in log_format
