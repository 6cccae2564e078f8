"""The signed-in workbench page against a static file, both through the whole Django stack in-process."""

from django.conf import settings
from django.test import Client

from bench.common import print_table, record, signed_in, time_calls
from lianxin.demo.accounts import demo_accounts_load
from lianxin.people.models import User

RUNS = 300


def run(data_size: dict) -> None:
    demo_accounts_load()
    user = User.objects.get(username="county_admin")
    client = Client()
    signed_in(client, user)
    static_url = settings.STATIC_URL + "css/app.css"
    assert client.get("/").status_code == 200, "the workbench did not render"
    assert client.get(static_url).status_code == 200, "run collectstatic first (make bench does)"

    home = time_calls(lambda: client.get("/"), runs=RUNS)
    static = time_calls(lambda: b"".join(client.get(static_url).streaming_content), runs=RUNS)

    size = {**data_size, "requests": RUNS, "users": User.objects.count()}
    rows = [
        record(
            name="home_p50_ms",
            value=home.p50,
            unit="ms",
            baseline_name="static_file_p50_ms",
            baseline_value=static.p50,
            data_size=size,
        ),
        record(
            name="home_p95_ms",
            value=home.p95,
            unit="ms",
            baseline_name="static_file_p95_ms",
            baseline_value=static.p95,
            data_size=size,
        ),
    ]
    print_table(f"Workbench page vs. a static file ({RUNS} requests each, {size['users']} users)", rows)
