"""Every count on the dashboard, the big screen and the figure tables opens exactly the cases it counts
(issue 19: a card said 33 on-time responses and its link opened 55 cases), the list says which figure it
shows, and one area and period give one total everywhere, cases placed at the area itself included."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from lianxin.cases import services
from lianxin.cases.figures import FIGURE_FILTERS, FIGURE_LABELS, figures_for_area, period_of
from lianxin.cases.models import Case, Rating
from tests.cases_world import category

pytestmark = pytest.mark.django_db

# The counts of ``Figures`` behind each case-list figure; the few without a count of their own are the
# difference of two.
DERIVED = {
    "response_none": lambda f: f.unresponded,
    "closed_late": lambda f: f.closed - f.closed_on_time,
    "one_pass_no": lambda f: f.closed - f.one_pass,
    "beyond_building": lambda f: f.closed - f.in_building,
    "beyond_estate": lambda f: f.closed - f.in_estate,
}


@pytest.fixture
def at_the_county(five_cases, cast, world, clock):
    """A report placed at the county itself, as an Open311 report with only a position is."""
    clock.set(five_cases["a"].reported_at + timedelta(hours=1))  # in the same week as the five
    case = services.case_report(
        cast.resident, category=category("road_damage"), area=world.county, description="县里的路坏了"
    )
    return Case.objects.get(pk=case.pk)


def _week(five_cases):
    return period_of("week", five_cases["a"].reported_at.date())


def _listed(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def _expected(figures, key):
    if key in DERIVED:
        return DERIVED[key](figures)
    if key == "unsatisfied":
        return None
    return figures.value(key)


def test_every_figure_filter_lists_as_many_cases_as_its_count(client_as, five_cases, at_the_county, world):
    week = _week(five_cases)
    figures = figures_for_area(area=world.county, period=week)
    assert figures.reported == 6
    client = client_as("county_admin")
    base = f"/cases/?area={world.county.pk}&date_from={week.start}&date_to={week.end}"
    for key in FIGURE_FILTERS:
        expected = _expected(figures, key)
        if expected is None:  # no count of its own: the rating itself
            expected = Case.objects.filter(rating=Rating.UNSATISFIED).count()
        response = client.get(f"{base}&figure={key}")
        assert response.context["page"].paginator.count == expected, key
        page = response.content.decode()
        assert f"指标：{FIGURE_LABELS[key]}" in page, key
        assert f"共 {expected} 件" in page, key


def test_the_list_of_a_figure_can_be_cleared(client_as, five_cases, world):
    client = client_as("county_admin")
    response = client.get(f"/cases/?area={world.county.pk}&figure=response_on_time&state=")
    page = response.content.decode()
    assert "指标：按时响应" in page
    assert f'href="?area={world.county.pk}&amp;state="' in page  # the same list without the figure
    assert "指标：" not in client.get(f"/cases/?area={world.county.pk}&state=").content.decode()


def test_each_card_of_the_dashboard_and_the_big_screen_opens_its_cases(
    client_as, five_cases, at_the_county, world
):
    client = client_as("county_admin")
    query = f"area={world.county.pk}&period=week&day={_week(five_cases).start}"
    for page in ("/dashboard/", "/dashboard/screen/"):
        response = client.get(f"{page}?{query}")
        for card in response.context["cards"]:
            assert _listed(client, card["numerator_url"]) == card["numerator"], card["key"]
            assert _listed(client, card["denominator_url"]) == card["denominator"], card["key"]
            assert card["numerator_url"] in response.content.decode().replace("&amp;", "&")
        assert response.context["current"].reported == 6


def test_the_ranking_and_the_hot_spots_open_their_cases(client_as, five_cases, at_the_county, world):
    client = client_as("county_admin")
    response = client.get(f"/dashboard/?area={world.county.pk}&period=week&day={_week(five_cases).start}")
    ranking = response.context["ranking"]
    assert ranking and all(r.url for r in ranking)
    for row in ranking:
        assert _listed(client, row.url) == row.volume, row.area.name
    spots = response.context["hot_spots"]
    for spot in spots["places"] + spots["categories"]:
        assert _listed(client, spot.url) == spot.current
        assert _listed(client, spot.previous_url) == spot.previous


@pytest.mark.parametrize("by", ["child", "category", "kind", "channel", "handler_type"])
def test_every_cell_of_the_figure_table_opens_its_cases_and_rows_add_up(
    client_as, five_cases, at_the_county, world, by
):
    client = client_as("county_admin")
    query = f"area={world.county.pk}&period=week&day={_week(five_cases).start}&by={by}"
    response = client.get(f"/dashboard/table/?{query}")
    rows, total = response.context["rows"], dict((c.key, v) for c, v in response.context["total"])
    assert total["reported"] == 6  # the dashboard's and the big screen's number
    for column_key in ("reported", "closed", "rejected", "one_pass"):
        assert (
            sum(dict((c.key, v) for c, v, _u in cells)[column_key] for _row, cells in rows)
            == total[column_key]
        )
    for row, cells in rows:
        for column, value, url in cells:
            if column.kind != "count":
                continue
            assert url, (row.label, column.key)
            assert _listed(client, url) == value, (row.label, column.key)


def test_the_county_itself_has_a_row_of_its_own(client_as, five_cases, at_the_county, world):
    client = client_as("county_admin")
    query = f"area={world.county.pk}&period=week&day={_week(five_cases).start}&by=child"
    response = client.get(f"/dashboard/table/?{query}")
    row = next(r for r, _cells in response.context["rows"] if "本级/直属" in r.label)
    assert row.figures.reported == 1
    assert f"{world.county.short_name or world.county.name}本级/直属" in response.content.decode()


def test_the_api_gives_the_same_total_and_a_split_for_the_area_itself(
    client_as, five_cases, at_the_county, world
):
    client = client_as("county_admin")
    week = _week(five_cases)
    body = client.get(f"/api/v1/figures/?area={world.county.pk}&period=week&day={week.start}&by=child").json()
    assert body["counts"]["reported"] == 6
    assert sum(split["counts"]["reported"] for split in body["splits"]) == 6
    assert any(split["key"] == world.county.path for split in body["splits"])


def test_the_case_export_with_the_list_parameters_has_the_list_cases(client_as, five_cases, world):
    client = client_as("county_admin")
    week = _week(five_cases)
    params = f"area={world.county.pk}&date_from={week.start}&date_to={week.end}&figure=response_on_time"
    listed = _listed(client, f"/cases/?{params}")
    response = client.get(f"/dashboard/cases.xlsx?{params}")
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert len(list(sheet.iter_rows(values_only=True))) - 1 == listed == 4


def test_links_carry_only_known_list_parameters(five_cases, world, client_as):
    """Every parameter a count's link carries is one the case list reads (none silently ignored)."""
    from lianxin.cases.forms import QueueFilterForm

    client = client_as("county_admin")
    response = client.get(
        f"/dashboard/table/?area={world.county.pk}&period=week&day={_week(five_cases).start}&by=child"
    )
    known = set(QueueFilterForm.base_fields) | {"page"}
    for _row, cells in response.context["rows"]:
        for _c, _v, url in cells:
            if url:
                assert set(parse_qs(urlsplit(url).query)) <= known, url


def test_a_grid_worker_sees_his_counts_without_links_to_a_list_he_cannot_open(client_as, five_cases):
    """The staff case list is not for a grid worker's post (403): his dashboard shows the same counts as
    plain numbers, the big screen too, so nothing on them sends him to a refusal."""
    worker = client_as("grid_worker")
    assert worker.get("/cases/").status_code == 403
    for url in ("/dashboard/", "/dashboard/screen/"):
        page = worker.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        at = html.find('href="/cases/?')
        assert at == -1, (url, html[at - 300 : at + 100])
        assert "data-numerator" in page.content.decode() or url == "/dashboard/"
    assert 'href="/cases/?' in client_as("community_secretary").get("/dashboard/").content.decode()
