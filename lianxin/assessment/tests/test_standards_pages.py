"""The standards pages as their roles use them: forms refused with the Chinese message and nothing saved,
the navigation item only for those whose pages open, read-only reviewers refused a write."""

import pytest

from lianxin.assessment.models import StarRating
from lianxin.assessment.tests.standards_world import criteria, organ_committee

YEAR = 2026


@pytest.fixture
def organs(world, cast):
    items = criteria()
    committee, branches = organ_committee(world.county)
    return committee, branches, items


def test_rating_form_missing_evidence_keeps_the_input(organs, client_as):
    committee, branches, items = organs
    data = {"org": branches[0].pk, "year": YEAR, "stars": 5, "note": "年度评定"}
    for c in items[1:]:
        data[f"evidence_{c.pk}"] = "台账"
    response = client_as("county_admin").post("/assessment/stars/", data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "“组织生活”缺少佐证" in text and "年度评定" in text
    assert not StarRating.objects.filter(org=branches[0]).exists()
    data[f"evidence_{items[0].pk}"] = "会议记录"
    done = client_as("county_admin").post("/assessment/stars/", data)
    assert done.status_code == 302
    assert StarRating.objects.get(org=branches[0]).stars == 5
    history = client_as("county_admin").get(done["Location"])
    assert "会议记录" in history.content.decode()


def test_reviewer_reads_but_may_not_rate(organs, client_as):
    committee, branches, items = organs
    reviewer = client_as("reviewer")
    assert reviewer.get("/assessment/stars/").status_code == 200
    assert reviewer.post("/assessment/stars/", {"org": branches[0].pk}).status_code == 403
    assert not StarRating.objects.exists()


@pytest.mark.parametrize(
    "username,expected",
    [("county_admin", True), ("community_secretary", True), ("resident", False), ("grid_worker", False)],
)
def test_navigation_item_only_where_the_page_opens(world, cast, client_as, username, expected):
    from lianxin.core.navigation import nav_items

    item = nav_items()["standards"]
    assert item.visible(cast[username]) is expected
    status = client_as(username).get("/assessment/stars/").status_code
    assert (status == 200) is expected


def test_only_the_organisation_department_configures(world, cast, client_as):
    from lianxin.assessment.models import ChecklistTemplate, CreditRule, StarCriterion

    admin = client_as("county_admin")
    assert (
        admin.post(
            "/assessment/standards-config/",
            {"form": "criterion", "name": "组织生活", "order": 1, "is_active": "on"},
        ).status_code
        == 302
    )
    assert (
        admin.post(
            "/assessment/standards-config/", {"form": "rule", "name": "领办合作社", "points": 0}
        ).status_code
        == 400
    )
    admin.post(
        "/assessment/standards-config/",
        {
            "form": "checklist",
            "name": "三巩固两提升一创建",
            "field": "organ",
            "items": "巩固一\n提升一\n创建",
        },
    )
    assert StarCriterion.objects.filter(name="组织生活", is_active=True).exists()
    assert not CreditRule.objects.exists()
    assert list(ChecklistTemplate.objects.get().items.values_list("name", flat=True)) == [
        "巩固一",
        "提升一",
        "创建",
    ]
    secretary = client_as("community_secretary")
    assert secretary.get("/assessment/standards-config/").status_code == 403
