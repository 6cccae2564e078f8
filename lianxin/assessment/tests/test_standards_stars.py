"""Star ratings (P003-50, P003-51) and scenario 3's first half: 王建国 rates twelve organ branches
5×5★, 3×4★, 2×3★, 2×2★ → 83.3 % at three stars or more, 41.7 % at five."""

import pytest

from lianxin.assessment.models import StarEvidence, StarRating
from lianxin.assessment.selectors.standards import star_figures, star_ratings_for
from lianxin.assessment.services.standards import star_rate
from lianxin.assessment.tests.standards_world import (
    SCENARIO_STARS,
    criteria,
    evidence_for,
    organ_committee,
)
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import XLSX_CONTENT_TYPE

YEAR = 2026


@pytest.fixture
def organs(world, cast):
    items = criteria()
    committee, branches = organ_committee(world.county)
    return committee, branches, items


def test_scenario_3_twelve_organ_branches(organs, cast, client_as, clock):
    committee, branches, items = organs
    for branch, stars in zip(branches, SCENARIO_STARS, strict=True):
        star_rate(cast.county_admin, org=branch, year=YEAR, stars=stars, evidence=evidence_for(items))
    rows = star_ratings_for(user=cast.county_admin, year=YEAR, root=committee)
    figures = star_figures(rows)
    assert figures["total"] == 12
    assert figures["three_plus_share"] == 83.3
    assert figures["five_share"] == 41.7
    assert figures["three_met"] is False  # the target is every branch (100 %)
    assert figures["five_met"] is True  # 41.7 % ≥ 40 %
    assert [b["count"] for b in figures["by_stars"]] == [5, 3, 2, 2, 0]

    api = client_as("county_admin").get(f"/api/v1/star-ratings/?year={YEAR}&org_id={committee.pk}")
    assert api.status_code == 200
    body = api.json()
    assert body["figures"]["three_plus_share"] == 83.3
    assert body["figures"]["five_share"] == 41.7
    assert body["count"] == 12

    page = client_as("county_admin").get(f"/assessment/stars/?year={YEAR}&org={committee.pk}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "83.3" in text and "41.7" in text

    export = client_as("county_admin").get(f"/assessment/stars/export/?year={YEAR}&org={committee.pk}")
    assert export.status_code == 200
    assert export["Content-Type"] == XLSX_CONTENT_TYPE
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(export.content)).worksheets[0]
    assert sheet.max_row == 1 + 12


def test_missing_evidence_refused_and_nothing_saved(organs, cast):
    committee, branches, items = organs
    evidence = evidence_for(items)
    evidence["组织生活"] = "  "
    with pytest.raises(DomainError) as refused:
        star_rate(cast.county_admin, org=branches[0], year=YEAR, stars=5, evidence=evidence)
    assert refused.value.message == "“组织生活”缺少佐证"
    assert not StarRating.objects.filter(org=branches[0]).exists()


def test_missing_evidence_api_400(organs, client_as):
    committee, branches, items = organs
    evidence = evidence_for(items)
    del evidence["组织生活"]
    response = client_as("county_admin").post(
        "/api/v1/star-ratings/",
        {"org_id": branches[0].pk, "year": YEAR, "stars": 4, "evidence": evidence},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "“组织生活”缺少佐证"
    assert not StarRating.objects.filter(org=branches[0]).exists()


def test_history_kept_and_only_the_newest_counts(organs, cast):
    committee, branches, items = organs
    first = star_rate(cast.county_admin, org=branches[0], year=YEAR, stars=3, evidence=evidence_for(items))
    second = star_rate(cast.county_admin, org=branches[0], year=YEAR, stars=5, evidence=evidence_for(items))
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert StarRating.objects.filter(org=branches[0]).count() == 2
    assert StarEvidence.objects.filter(rating=second).count() == len(items)
    figures = star_figures(star_ratings_for(user=cast.county_admin, year=YEAR, root=committee))
    assert figures["total"] == 1 and figures["five"] == 1


def test_only_the_superior_committee_rates(world, cast, client_as):
    """A community secretary rates the branches of his estates (his committee is their superior), not his
    own community committee (its superior is the street's working committee)."""
    from lianxin.core.scope import under
    from lianxin.party.models import OrgKind, PartyOrg
    from lianxin.people.models import Post

    items = criteria()
    community = Post.objects.filter(person=cast.community_secretary.person).first().area
    own = PartyOrg.objects.filter(area=community, kind=OrgKind.COMMITTEE).first()
    branch = PartyOrg.objects.filter(under("path", own.path), kind=OrgKind.BRANCH).first()
    star_rate(cast.community_secretary, org=branch, year=YEAR, stars=4, evidence=evidence_for(items))
    with pytest.raises(DomainError) as refused:
        star_rate(cast.community_secretary, org=own, year=YEAR, stars=5, evidence=evidence_for(items))
    assert refused.value.code == "forbidden"
    response = client_as("community_secretary").post(
        "/api/v1/star-ratings/",
        {"org_id": own.pk, "year": YEAR, "stars": 5, "evidence": evidence_for(items)},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not StarRating.objects.filter(org=own).exists()


def test_out_of_scope_404_and_reviewer_read_only(organs, cast, client_as):
    committee, branches, items = organs
    star_rate(cast.county_admin, org=branches[0], year=YEAR, stars=5, evidence=evidence_for(items))
    rating = StarRating.objects.get(org=branches[0])
    assert client_as("community_secretary").get(f"/api/v1/star-ratings/{rating.pk}").status_code == 404
    reviewer = client_as("reviewer")
    assert reviewer.get(f"/api/v1/star-ratings/{rating.pk}").status_code == 200
    response = reviewer.post(
        "/api/v1/star-ratings/",
        {"org_id": branches[1].pk, "year": YEAR, "stars": 5, "evidence": evidence_for(items)},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_bad_stars_400(organs, client_as):
    committee, branches, items = organs
    response = client_as("county_admin").post(
        "/api/v1/star-ratings/",
        {"org_id": branches[0].pk, "year": YEAR, "stars": 6, "evidence": evidence_for(items)},
        content_type="application/json",
    )
    assert response.status_code == 400
