"""Scenario 3's second half (P000-56): 5 sector-committee secretaries report, 9 seated reviewers score,
averages ranked; 14 measures become 14 tasks. The reviewer 韩静 scores only where seated; the secretary's
annual file adds the 正负清单 incidents (P004-38) and commitments (P002-75)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from lianxin.assessment.models import ConductKind, ReviewMeasure, ReviewScore
from lianxin.assessment.selectors.scoring import review_ranking, secretary_file
from lianxin.assessment.services.scoring import (
    commitment_create,
    commitment_fulfil,
    conduct_incident_record,
    conduct_item_create,
    review_report_submit,
    review_score,
    review_session_create,
)
from lianxin.cases.models import Case, Kind
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from lianxin.supervision.categories import task_categories_ensure
from tests.cases_world import SHANGHAI

pytestmark = pytest.mark.django_db

MEASURES = [3, 3, 3, 3, 2]  # 14 in all
# Each secretary's scores from the nine reviewers (韩静 first).
SCORES = [
    [95, 94, 96, 93, 95, 94, 96, 95, 94],
    [88, 90, 87, 89, 88, 90, 86, 88, 89],
    [91, 92, 90, 93, 91, 92, 90, 91, 92],
    [80, 82, 79, 81, 80, 83, 78, 80, 81],
    [85, 86, 84, 85, 87, 84, 86, 85, 85],
]


def _user(name: str) -> User:
    person = Person.objects.create(name=name)
    return User.objects.create(username=f"u-{name}", person=person)


@pytest.fixture
def review(cast, world, clock):
    task_categories_ensure()
    committees = list(PartyOrg.objects.filter(kind=OrgKind.SECTOR_COMMITTEE).order_by("id")[:5])
    assert len(committees) == 5
    secretaries = []
    for n, committee in enumerate(committees):
        person = Person.objects.create(name=f"行业书记{n + 1}")
        Post.objects.create(
            person=person, role=Role.SECRETARY, party_org=committee, start_date=date(2024, 1, 1)
        )
        secretaries.append(person)
    reviewers = [cast.reviewer] + [_user(f"评议人{n}") for n in range(2, 10)]
    session = review_session_create(
        cast.county_admin,
        title="2026年度行业党委书记述职评议会",
        area=world.county,
        year=2026,
        held_on=date(2026, 11, 30),
        reviewers=[u.person for u in reviewers],
    )
    reports = []
    for n, (person, committee) in enumerate(zip(secretaries, committees, strict=True)):
        reports.append(
            review_report_submit(
                cast.county_admin,
                session=session,
                secretary=person,
                party_org=committee,
                achievements="比成绩：新建党组织3个",
                shortcomings="查不足：覆盖不全",
                measures=[f"举措{n + 1}-{k + 1}" for k in range(MEASURES[n])],
            )
        )
    return session, reports, reviewers, committees


def test_scenario_3_reports_are_scored_ranked_and_measures_tracked(review):
    session, reports, reviewers, committees = review
    measures = ReviewMeasure.objects.filter(report__session=session)
    assert measures.count() == 14
    cases = Case.objects.filter(pk__in=measures.values("case_id"))
    assert cases.count() == 14 and set(cases.values_list("kind", flat=True)) == {Kind.TASK}
    assert cases.filter(handler_party_org=committees[4]).count() == 2
    for report, scores in zip(reports, SCORES, strict=True):
        for reviewer, score in zip(reviewers, scores, strict=True):
            review_score(reviewer, report=report, score=score)
    ranking = review_ranking(session)
    assert [r.report.secretary.name for r in ranking] == [
        "行业书记1",
        "行业书记3",
        "行业书记2",
        "行业书记5",
        "行业书记4",
    ]
    assert [r.rank for r in ranking] == [1, 2, 3, 4, 5]
    assert ranking[0].average == (Decimal(sum(SCORES[0])) / 9).quantize(Decimal("0.01"))
    assert all(r.scores == 9 for r in ranking)
    # A later score by the same reviewer corrects his first; both rows stay.
    review_score(reviewers[0], report=reports[3], score=100)
    again = {r.report.pk: r for r in review_ranking(session)}
    expected = (Decimal(sum(SCORES[3]) - 80 + 100) / 9).quantize(Decimal("0.01"))
    assert again[reports[3].pk].average == expected and again[reports[3].pk].scores == 9
    assert ReviewScore.objects.filter(report=reports[3]).count() == 10


def test_the_reviewer_scores_only_where_seated(review, cast, client_as, world):
    session, reports, reviewers, _ = review
    client = client_as("reviewer")
    page = client.get(f"/assessment/reviews/{session.pk}/")
    assert page.status_code == 200 and "score-form" in page.content.decode()
    answer = client.post(
        f"/api/v1/review-sessions/{session.pk}/scores",
        {"report_id": reports[0].pk, "score": 90},
        content_type="application/json",
    )
    assert answer.status_code == 201
    other = review_session_create(
        cast.county_admin, title="另一场评议", area=world.county, year=2026, held_on=date(2026, 11, 30),
        reviewers=[reviewers[1].person],
    )  # fmt: skip
    review_report_submit(
        cast.county_admin, session=other, secretary=reports[0].secretary, achievements="成绩",
        shortcomings="不足", measures=["举措"], party_org=reports[0].party_org,
    )  # fmt: skip
    report = other.reports.get()
    refused = client.post(
        f"/api/v1/review-sessions/{other.pk}/scores",
        {"report_id": report.pk, "score": 90},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert "只有本次评议会的评议人可以打分" in refused.json()["error"]["message"]
    assert not ReviewScore.objects.filter(report=report).exists()
    # Out of scope: 404 for a resident.
    outside = client_as("resident").get(f"/api/v1/review-sessions/{other.pk}")
    assert outside.status_code == 404
    # Page, API and export agree on the count of reports and measures.
    api = client_as("county_admin").get(f"/api/v1/review-sessions/{session.pk}").json()
    assert api["figures"]["reports"] == 5 and api["figures"]["measures"] == 14


def test_score_out_of_range_is_refused(review):
    _session, reports, reviewers, _ = review
    with pytest.raises(DomainError) as refused:
        review_score(reviewers[0], report=reports[0], score=101)
    assert refused.value.field == "score"


def test_the_secretary_file_holds_incidents_and_commitments(review, cast, world, clock):
    session, reports, _reviewers, _ = review
    secretary = reports[0].secretary
    good = conduct_item_create(
        cast.county_admin, area=world.county, kind=ConductKind.POSITIVE, text="带头走访群众"
    )
    bad = conduct_item_create(
        cast.county_admin, area=world.county, kind=ConductKind.NEGATIVE, text="不得推诿扯皮"
    )
    conduct_incident_record(cast.county_admin, item=good, secretary=secretary, occurred_on=date(2026, 6, 1))
    conduct_incident_record(cast.county_admin, item=bad, secretary=secretary, occurred_on=date(2026, 7, 1))
    commitment = commitment_create(cast.county_admin, secretary=secretary, year=2026, text="新建党组织3个")
    with pytest.raises(DomainError) as refused:
        commitment_fulfil(cast.county_admin, commitment=commitment, evidence="")
    assert refused.value.field == "evidence"
    clock.set(datetime(2026, 12, 20, 10, 0, tzinfo=SHANGHAI))
    commitment_fulfil(cast.county_admin, commitment=commitment, evidence="新建党组织名单")
    file = secretary_file(user=cast.county_admin, person=secretary, year=2026)
    assert (file.positives, file.negatives, file.fulfilled) == (1, 1, 1)
    assert len(file.reports) == 1 and file.reports[0][0] == session
