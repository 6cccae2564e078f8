"""The scoring part's routers: /api/v1/schemes/, /results/, /fee-records/, /five-haves/, /review-sessions/ and
/secretary-files/, each list with the figures its page shows (same selectors, same scope)."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.assessment.models import FiveHave, Indicator, ReviewReport, ReviewSession, Scheme
from lianxin.assessment.scoring_functions import Subject, indicator_functions
from lianxin.assessment.selectors import scoring as sel
from lianxin.assessment.services import scoring as svc
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW, get_for_user
from lianxin.people.models import Department, Organisation, Person

schemes_router = Router(tags=[_("Assessment schemes")])
results_router = Router(tags=[_("Assessment results")])
fees_router = Router(tags=[_("Property fees")])
five_haves_router = Router(tags=[_("Five haves")])
reviews_router = Router(tags=[_("Report and review")])
files_router = Router(tags=[_("Report and review")])


def _scoped(model, user, pk, field):
    if pk is None:
        return None
    obj = model.objects.restrict(user, VIEW).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


# Schemes ---------------------------------------------------------------------------------------------------


class IndicatorOut(Schema):
    id: int
    name: str
    weight: Decimal
    source: str
    function: str
    category: str


class SchemeOut(Schema):
    id: int
    name: str
    subject_kind: str
    area_id: int
    area_name: str
    period_start: date
    period_end: date
    entry_opens: date
    entry_closes: date
    grade_bands: list
    indicators: list[IndicatorOut]


def _scheme_out(s: Scheme) -> dict:
    return {
        "id": s.pk,
        "name": s.name,
        "subject_kind": s.subject_kind,
        "area_id": s.area_id,
        "area_name": s.area.name,
        "period_start": s.period_start,
        "period_end": s.period_end,
        "entry_opens": s.entry_opens,
        "entry_closes": s.entry_closes,
        "grade_bands": s.grade_bands,
        "indicators": [
            {"id": i.pk, "name": i.name, "weight": i.weight, "source": i.source, "function": i.function,
             "category": i.category}
            for i in s.indicators.all()
        ],
    }  # fmt: skip


class SchemeFigures(Schema):
    schemes: int
    by_kind: dict[str, int]


class SchemePage(Schema):
    figures: SchemeFigures
    items: list[SchemeOut]
    next_cursor: str | None


class IndicatorIn(Schema):
    name: str = Field(max_length=100)
    weight: Decimal
    source: str = Field("mark", description=_("mark, survey or function"))
    function: str = Field("", max_length=50)
    category: str = Field("", max_length=50)


class SchemeIn(Schema):
    name: str = Field(max_length=100)
    subject_kind: str
    area_id: ObjectId
    period_start: date
    period_end: date
    entry_opens: date
    entry_closes: date
    indicators: list[IndicatorIn]
    grade_bands: list | None = None


@schemes_router.get("/", response=SchemePage, summary=_("Assessment schemes"))
def scheme_list(request, page: Query[PageParams], subject_kind: str = ""):
    rows = sel.schemes_for(user=request.user, subject_kind=subject_kind)
    chunk = paginate(rows.prefetch_related("indicators"), page, key="id")
    return {
        "figures": sel.scheme_figures(rows),
        "items": [_scheme_out(s) for s in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@schemes_router.post("/", response={201: SchemeOut}, summary=_("Set up a scheme"))
def scheme_create(request, payload: SchemeIn):
    user = request.user
    scheme = svc.scheme_create(
        user,
        name=payload.name,
        subject_kind=payload.subject_kind,
        area=_scoped(Area, user, payload.area_id, "area_id"),
        period_start=payload.period_start,
        period_end=payload.period_end,
        entry_opens=payload.entry_opens,
        entry_closes=payload.entry_closes,
        indicators=[i.dict() for i in payload.indicators],
        grade_bands=payload.grade_bands,
    )
    return Status(201, _scheme_out(scheme))


class IndicatorFunctionOut(Schema):
    code: str
    label: str


@schemes_router.get(
    "/functions", response=list[IndicatorFunctionOut], summary=_("Registered indicator functions")
)
def function_list(request):
    return [{"code": f.code, "label": str(f.label)} for f in indicator_functions().values()]


class AssessmentResultOut(Schema):
    id: int
    scheme_id: int
    scheme_name: str
    batch: int
    subject_kind: str
    subject_id: int | None
    subject_name: str
    estate_id: int | None
    estate_name: str
    score: Decimal
    grade: str
    rank: int
    flagged: bool
    inputs: dict
    computed_at: object


def _result_out(r) -> dict:
    if r.subject_organisation_id:
        kind, sid = "organisation", r.subject_organisation_id
    elif r.subject_department_id:
        kind, sid = "department", r.subject_department_id
    else:
        kind, sid = "person", r.subject_person_id
    return {
        "id": r.pk,
        "scheme_id": r.scheme_id,
        "scheme_name": r.scheme.name,
        "batch": r.batch,
        "subject_kind": kind,
        "subject_id": sid,
        "subject_name": str(r.subject or ""),
        "estate_id": r.subject_area_id,
        "estate_name": r.subject_area.name if r.subject_area_id else "",
        "score": r.score,
        "grade": r.grade,
        "rank": r.rank,
        "flagged": r.flagged,
        "inputs": r.inputs,
        "computed_at": r.computed_at,
    }


class ResultFigures(Schema):
    results: int
    flagged: int
    by_grade: dict[str, int]
    warning_score: float


class SchemeDetail(Schema):
    scheme: SchemeOut
    figures: ResultFigures
    results: list[AssessmentResultOut]


@schemes_router.get("/{scheme_id}", response=SchemeDetail, summary=_("A scheme with its current results"))
def scheme_detail(request, scheme_id: ObjectId):
    scheme = get_for_user(Scheme, request.user, scheme_id)
    rows = list(sel.scheme_results(scheme))
    for r in rows:
        r.scheme = scheme
    return {
        "scheme": _scheme_out(scheme),
        "figures": sel.result_figures(rows),
        "results": [_result_out(r) for r in rows],
    }


class MarkIn(Schema):
    indicator_id: ObjectId
    organisation_id: ObjectId | None = None
    person_id: ObjectId | None = None
    department_id: ObjectId | None = None
    estate_id: ObjectId | None = None
    score: Decimal
    note: str = Field("", max_length=200)


class MarkOut(Schema):
    id: int
    indicator_id: int
    score: Decimal
    marked_at: object


@schemes_router.post("/{scheme_id}/marks", response={201: MarkOut}, summary=_("Mark a subject"))
def mark_create(request, scheme_id: ObjectId, payload: MarkIn):
    user = request.user
    scheme = get_for_user(Scheme, user, scheme_id)
    indicator = Indicator.objects.filter(scheme=scheme, pk=payload.indicator_id).first()
    if indicator is None:
        raise DomainError(str(_("Choose an indicator of this scheme.")), field="indicator_id")
    subject = Subject(
        organisation=Organisation.objects.filter(pk=payload.organisation_id).first()
        if payload.organisation_id
        else None,
        person=Person.objects.filter(pk=payload.person_id).first() if payload.person_id else None,
        department=Department.objects.filter(pk=payload.department_id).first()
        if payload.department_id
        else None,
        area=Area.objects.filter(pk=payload.estate_id).first() if payload.estate_id else None,
    )
    known = {s.key for s in svc.scheme_subjects(scheme)}
    if subject.key not in known:
        raise DomainError(str(_("Choose whom you score.")), field="subject")
    mark = svc.mark_record(
        user, scheme=scheme, indicator=indicator, subject=subject, score=payload.score, note=payload.note
    )
    return Status(
        201, {"id": mark.pk, "indicator_id": indicator.pk, "score": mark.score, "marked_at": mark.marked_at}
    )


class SurveyAnswerIn(Schema):
    satisfied: bool


class SurveyAnswerOut(Schema):
    id: int
    scheme_id: int
    satisfied: bool


@schemes_router.post("/{scheme_id}/answers", response={201: SurveyAnswerOut}, summary=_("Answer the survey"))
def answer_create(request, scheme_id: ObjectId, payload: SurveyAnswerIn):
    from lianxin.core.paths import ancestor_paths

    user = request.user
    household = user.person.household if user.person_id else None
    paths = ancestor_paths(household.area_path) if household else []
    scheme = Scheme.objects.filter(pk=scheme_id, area_path__in=paths).first()
    if scheme is None:
        scheme = get_for_user(Scheme, user, scheme_id)
    answer = svc.survey_answer(user, scheme=scheme, satisfied=payload.satisfied)
    return Status(201, {"id": answer.pk, "scheme_id": scheme.pk, "satisfied": answer.satisfied})


# Results ---------------------------------------------------------------------------------------------------


class ResultPage(Schema):
    figures: ResultFigures
    items: list[AssessmentResultOut]
    next_cursor: str | None


@results_router.get("/", response=ResultPage, summary=_("Current assessment results"))
def result_list(
    request, page: Query[PageParams], scheme_id: ObjectId | None = None, flagged: bool | None = None,
    department_id: ObjectId | None = None,
):  # fmt: skip
    """Each scheme's latest batch, as far as your posts reach (a company's staff: his company's)."""
    scheme = get_for_user(Scheme, request.user, scheme_id) if scheme_id else None
    rows = sel.results_for(user=request.user, scheme=scheme, flagged=True if flagged else None)
    if department_id:
        rows = rows.filter(subject_department_id=department_id)
    chunk = paginate(rows, page, key="id")
    return {
        "figures": sel.result_figures(rows),
        "items": [_result_out(r) for r in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


# Fees ------------------------------------------------------------------------------------------------------


class FeeOut(Schema):
    id: int
    estate_id: int
    estate_name: str
    company_id: int
    company_name: str
    year: int
    billing_start: date
    due_yuan: Decimal
    collected_yuan: Decimal
    households: int
    rate_percent: float | None
    below_target: bool


def _fee_out(r) -> dict:
    return {
        "id": r.pk,
        "estate_id": r.estate_id,
        "estate_name": r.estate.name,
        "company_id": r.company_id,
        "company_name": r.company.name,
        "year": r.year,
        "billing_start": r.billing_start,
        "due_yuan": r.due_yuan,
        "collected_yuan": r.collected_yuan,
        "households": r.households,
        "rate_percent": r.rate_percent,
        "below_target": r.below_target,
    }


class FeeFigures(Schema):
    records: int
    due_yuan: Decimal
    collected_yuan: Decimal
    households: int
    rate_percent: float | None
    target_percent: float
    below_target: int


class FeePage(Schema):
    figures: FeeFigures
    items: list[FeeOut]
    next_cursor: str | None


class FeeIn(Schema):
    estate_id: ObjectId
    year: int = Field(ge=1949, le=2100)
    billing_start: date
    due_yuan: Decimal
    collected_yuan: Decimal
    households: int = Field(ge=1)


@fees_router.get("/", response=FeePage, summary=_("Property fee records"))
def fee_list(request, page: Query[PageParams], year: int | None = Query(None, ge=1949, le=2100)):
    rows = sel.fees_for(user=request.user, year=year)
    chunk = paginate(rows, page, key="id")
    return {
        "figures": sel.fee_figures(rows),
        "items": [_fee_out(r) for r in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@fees_router.post("/", response={201: FeeOut}, summary=_("Record an estate's fees for a year"))
def fee_create(request, payload: FeeIn):
    user = request.user
    record = svc.fee_record_save(
        user,
        estate=_scoped(Area, user, payload.estate_id, "estate_id"),
        year=payload.year,
        billing_start=payload.billing_start,
        due_yuan=payload.due_yuan,
        collected_yuan=payload.collected_yuan,
        households=payload.households,
    )
    return Status(201, _fee_out(record))


# 五有 ------------------------------------------------------------------------------------------------------


class FiveHaveRow(Schema):
    estate_id: int
    estate_name: str
    items: dict[str, str]
    count: int
    meets: bool


class FiveHaveFigures(Schema):
    estates: int
    meeting: int
    share: float | None


class FiveHavePage(Schema):
    figures: FiveHaveFigures
    items: list[FiveHaveRow]


class FiveHaveTickIn(Schema):
    estate_id: ObjectId
    item: str = Field(description=_("place, staff, funds, rules or assessment"))
    evidence: str = Field("", max_length=300)


@five_haves_router.get("/", response=FiveHavePage, summary=_("The estates' five haves"))
def five_have_list(request, area_id: ObjectId | None = None):
    root = get_for_user(Area, request.user, area_id) if area_id else None
    rows = sel.five_haves_for(user=request.user, root=root)
    return {
        "figures": sel.five_have_figures(rows),
        "items": [
            {"estate_id": r.estate.pk, "estate_name": r.estate.name,
             "items": {k: t.evidence for k, t in r.ticks.items()}, "count": r.count, "meets": r.meets}
            for r in rows
        ],
    }  # fmt: skip


@five_haves_router.post(
    "/", response={201: FiveHaveRow}, summary=_("Tick an estate's item with its evidence")
)
def five_have_tick(request, payload: FiveHaveTickIn):
    user = request.user
    estate = _scoped(Area, user, payload.estate_id, "estate_id")
    if payload.item not in FiveHave.values:
        raise DomainError(str(_("Choose one of the five items.")), field="item")
    svc.five_have_tick(user, estate=estate, item=payload.item, evidence=payload.evidence)
    (row,) = sel.five_haves_for(user=user, root=estate)
    items = {k: t.evidence for k, t in row.ticks.items()}
    return Status(
        201,
        {
            "estate_id": estate.pk,
            "estate_name": estate.name,
            "items": items,
            "count": row.count,
            "meets": row.meets,
        },
    )


# Report-and-review -----------------------------------------------------------------------------------------


class ReviewSessionOut(Schema):
    id: int
    title: str
    area_id: int
    area_name: str
    year: int
    held_on: date
    reports: int
    reviewers: int


class SessionPage(Schema):
    count: int
    items: list[ReviewSessionOut]


@reviews_router.get("/", response=SessionPage, summary=_("Review sessions"))
def session_list(request):
    rows = sel.review_sessions_for(user=request.user)
    return {
        "count": rows.count(),
        "items": [
            {"id": s.pk, "title": s.title, "area_id": s.area_id, "area_name": s.area.name, "year": s.year,
             "held_on": s.held_on, "reports": s.report_count, "reviewers": s.reviewer_count}
            for s in rows
        ],
    }  # fmt: skip


class RankedOut(Schema):
    report_id: int
    rank: int | None
    secretary_id: int
    secretary_name: str
    party_org_name: str
    average: Decimal | None
    scores: int
    measures: list[dict]


class SessionFigures(Schema):
    reports: int
    reviewers: int
    scores: int
    measures: int


class ReviewSessionDetail(Schema):
    session: ReviewSessionOut
    figures: SessionFigures
    ranking: list[RankedOut]


@reviews_router.get("/{session_id}", response=ReviewSessionDetail, summary=_("A review session, ranked"))
def session_detail(request, session_id: ObjectId):
    session = get_for_user(ReviewSession, request.user, session_id)
    ranking = sel.review_ranking(session)
    figures = sel.review_figures(session, ranking)
    return {
        "session": {"id": session.pk, "title": session.title, "area_id": session.area_id,
                    "area_name": session.area.name, "year": session.year, "held_on": session.held_on,
                    "reports": figures["reports"], "reviewers": figures["reviewers"]},
        "figures": figures,
        "ranking": [
            {"report_id": r.report.pk, "rank": r.rank or None, "secretary_id": r.report.secretary_id,
             "secretary_name": r.report.secretary.name,
             "party_org_name": r.report.party_org.name if r.report.party_org_id else "",
             "average": r.average, "scores": r.scores,
             "measures": [{"text": m.text, "case_id": m.case_id} for m in r.measures]}
            for r in ranking
        ],
    }  # fmt: skip


class ScoreIn(Schema):
    report_id: ObjectId
    score: Decimal


class ScoreOut(Schema):
    id: int
    report_id: int
    score: Decimal


@reviews_router.post(
    "/{session_id}/scores", response={201: ScoreOut}, summary=_("Score a report (seated reviewers)")
)
def score_create(request, session_id: ObjectId, payload: ScoreIn):
    session = get_for_user(ReviewSession, request.user, session_id)
    report = ReviewReport.objects.filter(session=session, pk=payload.report_id).first()
    if report is None:
        raise DomainError(str(_("Choose a report of this session.")), field="report_id")
    row = svc.review_score(request.user, report=report, score=payload.score)
    return Status(201, {"id": row.pk, "report_id": report.pk, "score": row.score})


class FileOut(Schema):
    person_id: int
    name: str
    year: int
    reports: list[dict]
    incidents: list[dict]
    commitments: list[dict]
    positives: int
    negatives: int
    fulfilled: int


@files_router.get("/{person_id}", response=FileOut, summary=_("A secretary's annual report-and-review file"))
def secretary_file(request, person_id: ObjectId, year: int = Query(..., ge=1949, le=2100)):
    person = get_for_user(Person, request.user, person_id)
    f = sel.secretary_file(user=request.user, person=person, year=year)
    reports = [
        {"session_id": s.pk, "title": s.title, "average": str(r.average) if r.average is not None else None,
         "rank": r.rank or None, "measures": len(r.measures)}
        for s, r in f.reports
    ]  # fmt: skip
    incidents = [
        {"date": i.occurred_on.isoformat(), "kind": i.item.kind, "item": i.item.text, "note": i.note}
        for i in f.incidents
    ]
    commitments = [{"text": c.text, "fulfilled": c.fulfilled, "evidence": c.evidence} for c in f.commitments]
    return {
        "person_id": person.pk, "name": person.name, "year": year, "reports": reports,
        "incidents": incidents, "commitments": commitments, "positives": f.positives,
        "negatives": f.negatives, "fulfilled": f.fulfilled,
    }  # fmt: skip


ROUTERS: list = [
    ("/schemes/", schemes_router),
    ("/results/", results_router),
    ("/fee-records/", fees_router),
    ("/five-haves/", five_haves_router),
    ("/review-sessions/", reviews_router),
    ("/secretary-files/", files_router),
]
