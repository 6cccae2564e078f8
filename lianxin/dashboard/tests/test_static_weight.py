"""What the dashboard costs on the wire, and how long a browser keeps it: a hashed static file (the names
collectstatic gives when DEBUG is off) is cached for at least a year and marked immutable; every leader's
page with its scripts and styles stays under 300 KB gzipped (the whole ECharts build alone was 368 KB)."""

import gzip
import os
import re
from importlib import import_module

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

BUDGET = 300 * 1024
ONE_YEAR = 365 * 24 * 3600


def _gzipped(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=9))


def _assets(html: str) -> list[str]:
    """The scripts and style sheets a page loads (the page draws no image of its own)."""
    return re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(
        r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html
    )


def _asset_bytes(url: str, static_url: str) -> bytes:
    assert url.startswith(static_url), f"{url} is not one of this site's static files"
    path = finders.find(url[len(static_url) :])
    assert path, url
    with open(path, "rb") as handle:
        return handle.read()


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("county_admin", "/dashboard/"),
        ("county_admin", "/dashboard/screen/"),
        ("county_admin", "/dashboard/table/"),
        ("county_admin", "/"),
        ("street_secretary", "/dashboard/"),
    ],
)
def test_a_leaders_page_with_its_scripts_and_styles_is_under_300_kb_gzipped(
    client_as, five_cases, settings, username, url
):
    client = client_as(username)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    total = _gzipped(page.content)
    # The panels the dashboard fetches as soon as it is shown are part of what it costs.
    for panel in re.findall(r'hx-get="([^"]+)"[^>]*hx-trigger="load"', html):
        total += _gzipped(client.get(panel.replace("&amp;", "&")).content)
    assets = _assets(html)
    assert any("echarts" in a for a in assets) == (url in ("/dashboard/", "/dashboard/screen/"))
    for asset in assets:
        total += _gzipped(_asset_bytes(asset, settings.STATIC_URL))
    assert total < BUDGET, f"{url}: {total} bytes gzipped"


def test_the_echarts_build_alone_is_far_below_the_full_librarys_368_kb(settings):
    size = _gzipped(_asset_bytes(settings.STATIC_URL + "vendor/echarts/echarts.min.js", settings.STATIC_URL))
    assert size < 230 * 1024


def test_a_hashed_static_file_is_cached_for_a_year_and_immutable(tmp_path):
    # The project's own storage (the tests run with plain file names: conftest.py).
    project = import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    with override_settings(
        STORAGES=project.STORAGES,
        DEBUG=False,
        STATIC_ROOT=tmp_path,
        WHITENOISE_AUTOREFRESH=False,
        WHITENOISE_USE_FINDERS=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = staticfiles_storage.url("vendor/echarts/echarts.min.js")
        assert re.search(r"echarts\.min\.[0-9a-f]{12}\.js$", url)  # the hashed name the pages refer to
        middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))

        hashed = middleware(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip"))
        plain = middleware(RequestFactory().get("/static/vendor/echarts/echarts.min.js"))

    assert hashed.status_code == 200
    assert hashed["Content-Encoding"] == "gzip"
    control = dict(
        part.strip().partition("=")[::2] for part in hashed["Cache-Control"].split(",") if part.strip()
    )
    assert int(control["max-age"]) >= ONE_YEAR and "immutable" in control and "public" in control
    # The unhashed name may change content under the same URL: it is kept for a minute only.
    assert plain.status_code == 200 and "immutable" not in plain["Cache-Control"]
