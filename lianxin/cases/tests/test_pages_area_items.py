"""An estate's page shows its open key items and the households being watched (P000-28), as far as the
viewer's scope reaches."""

import pytest

from lianxin.areas.models import Household
from lianxin.cases import services
from lianxin.cases.models import Urgency
from lianxin.cases.tests.pages import text
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def section(html: str) -> str:
    start = html.index('data-testid="area-key-items"')
    return html[start:]


def test_the_estate_page_lists_urgent_and_dispute_cases_but_not_ordinary_ones(client_as, cast, places, clock):
    urgent = services.case_report(
        cast.resident,
        category=category("gas_safety"),
        area=places.building,
        description="闻到燃气味",
        urgency=Urgency.URGENT,
    )
    dispute = services.case_report(
        cast.resident, category=category("neighbour_dispute"), area=places.estate, description="邻里噪音"
    )
    ordinary = services.case_report(
        cast.resident, category=category("cleaning"), area=places.estate, description="垃圾没清"
    )
    html = section(text(client_as("grid_worker").get(f"/areas/{places.estate.pk}/")))

    assert urgent.title in html and dispute.title in html
    assert f"/cases/{ordinary.pk}/" not in html


def test_an_overdue_case_becomes_a_key_item(client_as, cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("cleaning"), area=places.estate, description="垃圾没清"
    )
    clock.advance(days=10)

    assert f"/cases/{case.pk}/" in section(text(client_as("grid_worker").get(f"/areas/{places.estate.pk}/")))


def test_the_watched_households_are_those_with_a_tag(client_as, places):
    in_estate = Household.objects.filter(area_path__startswith=places.estate.path)
    tagged = in_estate.filter(tags__isnull=False).distinct().order_by("area_path", "address")
    html = section(text(client_as("grid_worker").get(f"/areas/{places.estate.pk}/")))

    assert tagged.count() > 0
    assert tagged.first().address in html and tagged.first().tags.first().name in html
    assert f'<span class="badge">{tagged.count()}</span>' in html


def test_an_area_without_key_items_says_so(client_as, places):
    html = section(text(client_as("community_secretary").get(f"/areas/{places.other_estate.pk}/")))

    assert "暂无未办结的重点事项" in html


def test_staff_open_all_the_key_items_behind_the_count_on_the_case_list(client_as, cast, places, clock):
    """The panel shows ten; the count opens exactly its cases on the case list (figure=key_open)."""
    import re

    for n in range(12):
        services.case_report(
            cast.resident, category=category("neighbour_dispute"), area=places.estate, description=f"纠纷{n}"
        )
    client = client_as("community_secretary")
    html = section(text(client.get(f"/areas/{places.estate.pk}/")))
    link = re.search(r'href="([^"]+)" data-testid="key-items-all"', html)

    assert link and "12" in html[link.end() : link.end() + 40]
    listed = client.get(link.group(1).replace("&amp;", "&")).context["page"].paginator.count
    assert listed == 12
    assert 'data-testid="key-items-all"' not in text(
        client_as("grid_worker").get(f"/areas/{places.estate.pk}/")
    )


@pytest.mark.parametrize("role", ["grid_worker", "community_secretary"])
def test_the_watched_count_opens_exactly_those_households(client_as, places, role):
    """P000-28: the panel shows ten; its count opens the households list with exactly those households."""
    import re

    client = client_as(role)
    html = section(text(client.get(f"/areas/{places.estate.pk}/")))
    link = re.search(r'href="([^"]+)" data-testid="watched-all"', html)
    count = int(re.search(r'id="watched-title">[^<]*<span class="badge">(\d+)</span>', html).group(1))

    assert link and count > 0
    page = client.get(link.group(1).replace("&amp;", "&"))
    expected = set(
        Household.objects.filter(area_path__startswith=places.estate.path, tags__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert page.context["page"].paginator.count == count == len(expected)
    assert {h.pk for h in page.context["page"].paginator.object_list} == expected
    assert f"重点关注户共 {count} 户" in text(page)
