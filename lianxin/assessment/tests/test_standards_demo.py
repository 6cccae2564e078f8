"""The standards demo rows on the small world: twelve organ branches rated as scenario 3 says, every list
filled, and a second load adds nothing."""

import pytest

from lianxin.assessment import demo_standards
from lianxin.assessment.models import (
    ChecklistTick,
    Honour,
    Nomination,
    PartyBrand,
    SharedPractice,
    StarRating,
    WeakOrgFlag,
)
from lianxin.assessment.selectors.standards import star_figures, star_ratings_for
from lianxin.party.models import Field


@pytest.fixture
def tasks_ready(db):
    from lianxin.supervision.categories import task_categories_ensure

    task_categories_ensure()


def _counts():
    return [
        m.objects.count()
        for m in (StarRating, WeakOrgFlag, ChecklistTick, Honour, PartyBrand, Nomination, SharedPractice)
    ]


def test_demo_load_twice(world, cast, client_as, tasks_ready, clock):
    lines = demo_standards.demo_load()
    assert any("83.3%" in line for line in lines)
    first = _counts()
    assert all(n > 0 for n in first), first
    demo_standards.demo_load()
    assert _counts() == first

    rows = star_ratings_for(user=cast.county_admin, year=demo_standards.YEAR, field=Field.ORGAN)
    figures = star_figures(rows)
    assert figures["total"] == 12
    assert (figures["three_plus_share"], figures["five_share"]) == (83.3, 41.7)
    page = client_as("county_admin").get(f"/assessment/stars/?year={demo_standards.YEAR}&field=organ")
    api = (
        client_as("county_admin").get(f"/api/v1/star-ratings/?year={demo_standards.YEAR}&field=organ").json()
    )
    assert api["count"] == 12 and api["figures"]["three_plus_share"] == 83.3
    assert "83.3%" in page.content.decode() and "41.7%" in page.content.decode()
    weak = client_as("county_admin").get("/api/v1/weak-orgs/").json()
    assert weak["count"] == 1


def test_every_page_and_export_opens_on_the_demo_rows(world, cast, client_as, tasks_ready, clock):
    from lianxin.assessment.models import Campaign, ChecklistTemplate
    from lianxin.party.models import OrgKind, PartyOrg, Sector

    demo_standards.demo_load()
    admin = client_as("county_admin")
    flag = WeakOrgFlag.objects.first()
    campaign = Campaign.objects.first()
    express = PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS)
    org = StarRating.objects.first().org_id
    template = ChecklistTemplate.objects.first()
    pages = [
        "/assessment/stars/",
        f"/assessment/stars/org/{org}/",
        "/assessment/member-stars/",
        "/assessment/weak-orgs/",
        f"/assessment/weak-orgs/{flag.pk}/",
        f"/assessment/checklists/?checklist={template.pk}",
        "/assessment/honours/",
        "/assessment/brands/",
        "/assessment/campaigns/",
        f"/assessment/campaigns/{campaign.pk}/",
        "/assessment/shared-practices/",
        f"/assessment/shared-practices/{express.pk}/?year={demo_standards.YEAR}",
    ]
    for path in pages:
        response = admin.get(path)
        assert response.status_code == 200, path
    for path in ["stars", "member-stars", "weak-orgs", "honours", "brands", f"campaigns/{campaign.pk}"]:
        assert admin.get(f"/assessment/{path}/export/").status_code == 200, path
    assert admin.get(f"/assessment/checklists/export/?checklist={template.pk}").status_code == 200
    # The honours page counts the same rows as the API.
    api = admin.get("/api/v1/honours/").json()
    assert api["count"] == Honour.objects.count()
    board = admin.get(f"/api/v1/shared-practices/{express.pk}?year={demo_standards.YEAR}").json()
    assert board["ranking"] and board["ranking"][0]["rank"] == 1
