"""Scenario 2 (P001-34, P001-35): 梧桐里社区 scores its property companies for 2026, weights 50/30/20 %."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from lianxin.assessment.models import CompanyExit, Result, Source, SurveyAnswer
from lianxin.assessment.scoring_functions import Subject
from lianxin.assessment.services.scoring import (
    company_exit_record,
    mark_record,
    results_refresh,
    survey_answer,
)
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import EstateService
from tests.cases_world import SHANGHAI

from .scoring_helpers import CHENGTOU, WANJIA, company, company_scheme, households_with_accounts, serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies(places):
    wanjia, chengtou = company(WANJIA), company(CHENGTOU)
    serve(places.estate, wanjia)
    serve(places.other_estate, chengtou)
    return wanjia, chengtou


def _mark(actor, scheme, n, subject, score):
    indicator = scheme.indicators.all()[n]
    return mark_record(
        actor, scheme=scheme, indicator=indicator, subject=Subject(organisation=subject), score=score
    )


def test_scenario_2_the_community_scores_its_companies(cast, places, clock, companies):
    wanjia, chengtou = companies
    scheme = company_scheme(cast.community_secretary, places.community)
    assert [(i.weight, i.source) for i in scheme.indicators.all()] == [
        (Decimal(50), Source.MARK),
        (Decimal(30), Source.SURVEY),
        (Decimal(20), Source.MARK),
    ]
    _mark(cast.community_secretary, scheme, 0, wanjia, 72)
    _mark(cast.community_secretary, scheme, 0, chengtou, 50)
    _mark(cast.street_secretary, scheme, 2, wanjia, 65)
    _mark(cast.street_secretary, scheme, 2, chengtou, 55)
    for n, user in enumerate(households_with_accounts(places.estate, 20)):
        survey_answer(user, scheme=scheme, satisfied=n < 16)  # 16 of 20: 80
    for n, user in enumerate(households_with_accounts(places.other_estate, 5)):
        survey_answer(user, scheme=scheme, satisfied=n < 3)  # 3 of 5: 60

    batch = results_refresh(scheme=scheme)
    rows = {r.subject_organisation_id: r for r in Result.objects.filter(scheme=scheme, batch=batch)}
    assert rows[wanjia.pk].score == Decimal("73.00")
    assert rows[wanjia.pk].grade == "合格" and not rows[wanjia.pk].flagged and rows[wanjia.pk].rank == 1
    assert rows[chengtou.pk].score == Decimal("54.00")
    assert (
        rows[chengtou.pk].grade == "整改/退出" and rows[chengtou.pk].flagged and rows[chengtou.pk].rank == 2
    )
    survey = str(scheme.indicators.all()[1].pk)
    assert (
        rows[wanjia.pk].inputs[survey]["answers"] == 20 and rows[wanjia.pk].inputs[survey]["satisfied"] == 16
    )

    # Nothing changed: no new batch. The exit ends 盛世名邸's service on 2027-03-31.
    assert results_refresh(scheme=scheme) == batch
    company_exit_record(cast.community_secretary, scheme=scheme, company=chengtou, exit_on=date(2027, 3, 31))
    service = EstateService.objects.get(estate=places.other_estate, company=chengtou)
    assert service.service_end == date(2027, 3, 31)
    assert CompanyExit.objects.get(company=chengtou).estate == places.other_estate


def test_a_corrected_mark_writes_a_new_batch_and_keeps_the_old(cast, places, clock, companies):
    wanjia, _chengtou = companies
    scheme = company_scheme(cast.community_secretary, places.community)
    _mark(cast.community_secretary, scheme, 0, wanjia, 60)
    first = Result.objects.filter(scheme=scheme, subject_organisation=wanjia).order_by("-batch").first()
    _mark(cast.community_secretary, scheme, 0, wanjia, 80)
    latest = Result.objects.filter(scheme=scheme, subject_organisation=wanjia).order_by("-batch").first()
    assert latest.batch == first.batch + 1
    assert latest.score == Decimal("40.00")  # 80 × 50 %: the later mark of the same marker counts
    assert Result.objects.filter(pk=first.pk, score=Decimal("30.00")).exists()


def test_weights_must_add_up_to_100(cast, places, clock):
    with pytest.raises(DomainError) as refused:
        company_scheme(cast.community_secretary, places.community, weights=(50, 25, 20))
    assert refused.value.message == "权重合计95%，应为100%"


def test_the_window_closes(cast, places, clock, companies):
    wanjia, _ = companies
    scheme = company_scheme(cast.community_secretary, places.community)
    clock.set(datetime(2027, 1, 30, 9, 0, tzinfo=SHANGHAI))
    with pytest.raises(DomainError) as refused:
        _mark(cast.community_secretary, scheme, 0, wanjia, 70)
    assert refused.value.message == "评分窗口已于2027-01-29关闭"
    assert refused.value.code == "invalid"


def test_one_answer_per_household_and_period(cast, places, clock, companies):
    scheme = company_scheme(cast.community_secretary, places.community)
    (user,) = households_with_accounts(places.estate, 1)
    survey_answer(user, scheme=scheme, satisfied=True)
    with pytest.raises(DomainError) as refused:
        survey_answer(user, scheme=scheme, satisfied=False)
    assert refused.value.code == "invalid_state" and refused.value.message == "本户本期已评价"
    assert SurveyAnswer.objects.filter(scheme=scheme).count() == 1


def test_a_read_only_or_outside_post_may_not_mark(cast, places, clock, companies):
    wanjia, _ = companies
    scheme = company_scheme(cast.community_secretary, places.community)
    for username in ("reviewer", "grid_worker", "property_staff"):
        with pytest.raises(DomainError) as refused:
            _mark(cast[username], scheme, 0, wanjia, 70)
        assert refused.value.code == "forbidden"
    assert not Result.objects.filter(scheme=scheme).exists()


def test_the_company_case_figures_function(cast, places, clock, companies):
    """Its estates' satisfaction × 100 while it served them, from the case roll-up."""
    from lianxin.assessment.scoring_functions import company_case_figures
    from lianxin.cases.models import CaseRollup

    wanjia, _ = companies
    scheme = company_scheme(cast.community_secretary, places.community)
    before = company_case_figures(scheme=scheme, subject=Subject(organisation=wanjia))
    rows = CaseRollup.objects.filter(area_path=places.estate.path, day__year=2026)
    rated = sum(r.rated for r in rows)
    satisfied = sum(r.satisfied for r in rows)
    assert before.inputs["rated"] == rated and before.inputs["satisfied"] == satisfied
    assert before.value == (round(satisfied * 100 / rated, 2) if rated else None)
