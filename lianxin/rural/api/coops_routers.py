"""The coops part's API routers: /api/v1/cooperatives/ and /api/v1/evaluations/. The list answers its count
and figures from the same selectors as the page and its Excel, so the three agree; money as strings."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW, get_for_user
from lianxin.people.models import Organisation
from lianxin.rural.models import Cooperative, EvaluationRound, Standard
from lianxin.rural.selectors import coops as sel
from lianxin.rural.services import coops as svc

cooperatives_router = Router(tags=[_("Cooperatives")])
evaluations_router = Router(tags=[_("Cooperative evaluations")])


def _money(value) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


class CoopQuery(Schema):
    area_id: ObjectId | None = None
    status: str = ""
    disposition: str = ""
    lacking: str = Field("", description="council | supervisors | either")
    q: str = ""


class CoopOut(Schema):
    id: int
    organisation_id: int
    name: str
    village_id: int
    village: str
    leading_branch_id: int | None
    leading_branch: str
    status: str
    status_label: str
    status_since: date
    disposition: str
    disposition_label: str
    member_households: int
    party_member_households: int
    chair: list[str]
    council: list[str]
    supervisors: list[str]
    chaired_by_secretary: bool
    board_people: int
    cross_appointed: int
    standards_met: int
    person_times: int
    wages: str
    awarded: bool


def coop_out(r: sel.CoopRow) -> dict:
    c = r.coop
    return {
        "id": c.pk,
        "organisation_id": c.organisation_id,
        "name": c.name,
        "village_id": c.village_id,
        "village": c.village.name,
        "leading_branch_id": c.leading_branch_id,
        "leading_branch": c.leading_branch.name if c.leading_branch_id else "",
        "status": c.status,
        "status_label": str(c.get_status_display()),
        "status_since": c.status_since,
        "disposition": c.disposition,
        "disposition_label": str(c.get_disposition_display()) if c.disposition else "",
        "member_households": c.member_households,
        "party_member_households": c.party_member_households,
        "chair": [p.name for p in r.chair],
        "council": [p.name for p in r.council],
        "supervisors": [p.name for p in r.supervisors],
        "chaired_by_secretary": r.chaired_by_secretary,
        "board_people": r.board_people,
        "cross_appointed": r.cross_appointed,
        "standards_met": r.standards_met,
        "person_times": r.person_times,
        "wages": _money(r.wages),
        "awarded": getattr(c, "award", None) is not None,
    }


class CoopShareOut(Schema):
    cooperatives: int
    standard: int
    share: float | None


class CoopClusterShareOut(CoopShareOut):
    area_id: int
    name: str


class CoopBranchOut(Schema):
    branch_id: int
    name: str
    cooperatives: int


class CoopFigures(Schema):
    total: int
    by_status: dict[str, int]
    by_disposition: dict[str, int]
    disposed: int
    standard: CoopShareOut
    per_cluster: list[CoopClusterShareOut]
    chaired_by_secretary: int
    chaired_by_secretary_share: float | None
    member_households: int
    party_member_households: int
    lacking_council: int
    lacking_supervisors: int
    lacking_either: int
    board_people: int
    cross_appointed: int
    cross_appointment_rate: float | None
    person_times: int
    wages: str
    per_branch: list[CoopBranchOut]


class CoopPage(Schema):
    count: int = Field(description=_("Cooperatives listed, as on the cooperatives page"))
    figures: CoopFigures
    items: list[CoopOut]


def _figures(rows) -> dict:
    figures = sel.coop_figures(rows)
    figures["wages"] = _money(figures["wages"])
    return figures


@cooperatives_router.get("/", response=CoopPage, summary=_("Cooperatives"))
def cooperative_list(request, q: Query[CoopQuery]):
    """The cooperatives the user sees, with the list page's figures (share running to standard per cluster
    and county, dispositions, boards lacking, chaired by the secretary, cross-appointment, jobs and wages,
    per leading branch)."""
    root = get_for_user(Area, request.user, q.area_id) if q.area_id else None
    rows = sel.coop_rows(
        sel.cooperatives_for(
            user=request.user, root=root, status=q.status, disposition=q.disposition, lacking=q.lacking, q=q.q
        )
    )
    return {"count": len(rows), "figures": _figures(rows), "items": [coop_out(r) for r in rows]}


class CoopIn(Schema):
    organisation_id: ObjectId
    leading_branch_id: ObjectId | None = None
    status: str = "running"
    member_households: int = Field(0, ge=0)
    party_member_households: int = Field(0, ge=0)
    founded_on: date | None = None
    business: str = Field("", max_length=200)


def _branch(user, pk):
    from lianxin.party.models import PartyOrg

    if pk is None:
        return None
    branch = PartyOrg.objects.restrict(user, VIEW).filter(pk=pk).first()
    if branch is None:
        raise DomainError(str(_("Choose one within your scope.")), field="leading_branch_id")
    return branch


@cooperatives_router.post("/", response={201: CoopOut}, summary=_("Register a cooperative"))
def cooperative_create(request, payload: CoopIn):
    user = request.user
    organisation = Organisation.objects.restrict(user, VIEW).filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise DomainError(str(_("Choose one within your scope.")), field="organisation_id")
    coop = svc.cooperative_register(
        user,
        organisation=organisation,
        leading_branch=_branch(user, payload.leading_branch_id),
        status=payload.status,
        member_households=payload.member_households,
        party_member_households=payload.party_member_households,
        founded_on=payload.founded_on,
        business=payload.business,
    )
    return Status(201, coop_out(sel.coop_rows([coop])[0]))


class CoopStandardOut(Schema):
    number: int
    title: str
    text: str
    evidenced: bool
    evidence: str
    has_file: bool
    checked_at: str | None


class CoopMonthOut(Schema):
    month: str
    person_times: int
    wages: str


class CoopFinanceOut(Schema):
    year: int
    fixed_assets: str
    equity_change: str
    dividends: str
    surplus_distributed: str


class CoopRewardOut(Schema):
    year: int
    person: str
    role: str
    increase: str
    amount: str


class CoopStatusChangeOut(Schema):
    on: date
    from_status: str
    to_status: str
    disposition: str
    note: str


class CoopDetail(CoopOut):
    standards: list[CoopStandardOut]
    months: list[CoopMonthOut]
    finances: list[CoopFinanceOut]
    rewards: list[CoopRewardOut]
    history: list[CoopStatusChangeOut]
    award_amount: str | None


def _month_out(m) -> dict:
    return {"month": m.month.strftime("%Y-%m"), "person_times": m.person_times, "wages": _money(m.wages)}


def coop_detail(user, coop: Cooperative) -> dict:
    out = coop_out(sel.coop_rows([coop])[0])
    award = getattr(coop, "award", None)
    out.update(
        standards=[
            {
                "number": s["standard"].number,
                "title": s["standard"].title,
                "text": s["standard"].text,
                "evidenced": s["check"] is not None,
                "evidence": s["check"].evidence if s["check"] else "",
                "has_file": bool(s["check"] and s["check"].evidence_file),
                "checked_at": s["check"].checked_at.isoformat() if s["check"] else None,
            }
            for s in sel.standards_of(coop)
        ],
        months=[_month_out(m) for m in sel.months_for(user=user, cooperative=coop)],
        finances=[
            {
                "year": f.year,
                "fixed_assets": _money(f.fixed_assets),
                "equity_change": _money(f.equity_change),
                "dividends": _money(f.dividends),
                "surplus_distributed": _money(f.surplus_distributed),
            }
            for f in coop.finances.order_by("-year")
        ],
        rewards=[
            {
                "year": r.year,
                "person": r.person.name,
                "role": r.role,
                "increase": _money(r.increase),
                "amount": _money(r.amount),
            }
            for r in coop.rewards.select_related("person").order_by("-year", "-role", "id")
        ],
        history=[
            {
                "on": h.on,
                "from_status": h.from_status,
                "to_status": h.to_status,
                "disposition": h.disposition,
                "note": h.note,
            }
            for h in coop.status_changes.order_by("on", "id")
        ],
        award_amount=_money(award.amount) if award else None,
    )
    return out


def _coop(request, cooperative_id) -> Cooperative:
    return get_for_user(
        Cooperative.objects.select_related("organisation", "village", "leading_branch"),
        request.user,
        cooperative_id,
    )


@cooperatives_router.get("/{cooperative_id}", response=CoopDetail, summary=_("A cooperative"))
def cooperative_get(request, cooperative_id: ObjectId):
    return coop_detail(request.user, _coop(request, cooperative_id))


class CoopStatusIn(Schema):
    status: str
    disposition: str = ""
    on: date | None = None
    note: str = Field("", max_length=200)


@cooperatives_router.post(
    "/{cooperative_id}/status", response=CoopDetail, summary=_("Set a cooperative's status")
)
def cooperative_status(request, cooperative_id: ObjectId, payload: CoopStatusIn):
    coop = svc.cooperative_status_set(
        request.user,
        cooperative=_coop(request, cooperative_id),
        status=payload.status,
        disposition=payload.disposition,
        on=payload.on,
        note=payload.note,
    )
    return coop_detail(request.user, _coop(request, coop.pk))


class CoopEvidenceIn(Schema):
    standard: int = Field(ge=1, le=12, description=_("The standard's number, 1–12"))
    evidence: str = Field(max_length=5000)


@cooperatives_router.post(
    "/{cooperative_id}/evidence", response=CoopDetail, summary=_("Evidence a standard (a note)")
)
def cooperative_evidence(request, cooperative_id: ObjectId, payload: CoopEvidenceIn):
    coop = _coop(request, cooperative_id)
    svc.standards_ensure()
    standard = Standard.objects.get(number=payload.standard)
    svc.standard_check(request.user, cooperative=coop, standard=standard, evidence=payload.evidence)
    return coop_detail(request.user, coop)


class CoopMonthIn(Schema):
    month: str = Field(description="YYYY-MM")
    person_times: int = Field(ge=0)
    wages: Decimal = Field(ge=0, decimal_places=2)


@cooperatives_router.post(
    "/{cooperative_id}/months", response=CoopMonthOut, summary=_("Enter a month (its chair)")
)
def cooperative_month(request, cooperative_id: ObjectId, payload: CoopMonthIn):
    row = svc.month_record(
        request.user,
        cooperative=_coop(request, cooperative_id),
        month=payload.month,
        person_times=payload.person_times,
        wages=payload.wages,
    )
    return _month_out(row)


class CoopRewardIn(Schema):
    year: int = Field(ge=2001, le=2100)


class CoopRewardPage(Schema):
    year: int
    income_before: str
    income_after: str
    increase: str
    items: list[CoopRewardOut]


@cooperatives_router.post(
    "/{cooperative_id}/rewards", response={201: CoopRewardPage}, summary=_("Compute and record the rewards")
)
def cooperative_rewards(request, cooperative_id: ObjectId, payload: CoopRewardIn):
    rows = svc.reward_record(request.user, cooperative=_coop(request, cooperative_id), year=payload.year)
    first = rows[0] if rows else None
    return Status(
        201,
        {
            "year": payload.year,
            "income_before": _money(first.income_before) if first else "0.00",
            "income_after": _money(first.income_after) if first else "0.00",
            "increase": _money(first.increase) if first else "0.00",
            "items": [
                {
                    "year": r.year,
                    "person": r.person.name,
                    "role": r.role,
                    "increase": _money(r.increase),
                    "amount": _money(r.amount),
                }
                for r in rows
            ],
        },
    )


# Evaluation rounds.


class CoopEvaluationRowOut(Schema):
    cooperative_id: int
    name: str
    scores: dict[str, float | None]
    score: str | None
    grade: str
    awarded: bool
    award_amount: str | None
    gap: str


class CoopEvaluationOut(Schema):
    id: int
    year: int
    name: str
    county_id: int
    scheme_id: int


class CoopEvaluationDetail(CoopEvaluationOut):
    rows: list[CoopEvaluationRowOut]


def evaluation_out(e: EvaluationRound) -> dict:
    return {
        "id": e.pk,
        "year": e.year,
        "name": e.scheme.name,
        "county_id": e.county_id,
        "scheme_id": e.scheme_id,
    }


def evaluation_detail(user, e: EvaluationRound) -> dict:
    rows = sel.evaluation_rows(e, sel.evaluation_cooperatives(e))
    out = evaluation_out(e)
    out["rows"] = [
        {
            "cooperative_id": r["cooperative"].pk,
            "name": r["cooperative"].name,
            "scores": {k: (float(v) if v is not None else None) for k, v in r["scores"].items()},
            "score": _money(r["score"]),
            "grade": r["grade"],
            "awarded": r["award"] is not None,
            "award_amount": _money(r["award"].amount) if r["award"] else None,
            "gap": r["gap"],
        }
        for r in rows
    ]
    return out


class CoopEvaluationPage(Schema):
    count: int
    items: list[CoopEvaluationOut]


@evaluations_router.get("/", response=CoopEvaluationPage, summary=_("Cooperative evaluation rounds"))
def evaluation_list(request):
    rows = list(sel.evaluations_for(user=request.user))
    return {"count": len(rows), "items": [evaluation_out(e) for e in rows]}


class CoopEvaluationIn(Schema):
    county_id: ObjectId
    year: int = Field(ge=2001, le=2100)
    weights: list[Decimal] | None = Field(None, description=_("组织部, 财政局, 农业农村局; adding up to 100"))


@evaluations_router.post("/", response={201: CoopEvaluationDetail}, summary=_("Open an evaluation round"))
def evaluation_create(request, payload: CoopEvaluationIn):
    county = get_for_user(Area, request.user, payload.county_id)
    e = svc.evaluation_create(request.user, county=county, year=payload.year, weights=payload.weights)
    return Status(201, evaluation_detail(request.user, e))


def _evaluation(request, evaluation_id) -> EvaluationRound:
    return get_for_user(
        EvaluationRound.objects.select_related("scheme", "county"), request.user, evaluation_id
    )


@evaluations_router.get("/{evaluation_id}", response=CoopEvaluationDetail, summary=_("An evaluation round"))
def evaluation_get(request, evaluation_id: ObjectId):
    return evaluation_detail(request.user, _evaluation(request, evaluation_id))


def _round_coop(e: EvaluationRound, cooperative_id) -> Cooperative:
    coop = Cooperative.objects.filter(pk=cooperative_id, area_path__startswith=e.area_path).first()
    if coop is None:
        raise DomainError(str(_("Choose a cooperative of the county.")), field="cooperative_id")
    return coop


class CoopScoreIn(Schema):
    cooperative_id: ObjectId
    score: Decimal = Field(ge=0, le=100)
    note: str = Field("", max_length=200)


@evaluations_router.post(
    "/{evaluation_id}/scores",
    response=CoopEvaluationDetail,
    summary=_("Score a cooperative (a department's post)"),
)
def evaluation_score(request, evaluation_id: ObjectId, payload: CoopScoreIn):
    e = _evaluation(request, evaluation_id)
    svc.evaluation_score(
        request.user,
        evaluation=e,
        cooperative=_round_coop(e, payload.cooperative_id),
        score=payload.score,
        note=payload.note,
    )
    return evaluation_detail(request.user, e)


class CoopAwardIn(Schema):
    cooperative_id: ObjectId


class CoopAwardOut(Schema):
    id: int
    cooperative_id: int
    name: str
    grade: str
    score: str
    amount: str
    fund_balance_after: str | None


@evaluations_router.post(
    "/{evaluation_id}/awards", response={201: CoopAwardOut}, summary=_("Award a cooperative")
)
def evaluation_award(request, evaluation_id: ObjectId, payload: CoopAwardIn):
    e = _evaluation(request, evaluation_id)
    award = svc.award_grant(request.user, evaluation=e, cooperative=_round_coop(e, payload.cooperative_id))
    return Status(
        201,
        {
            "id": award.pk,
            "cooperative_id": award.cooperative_id,
            "name": award.cooperative.name,
            "grade": award.grade,
            "score": _money(award.score),
            "amount": _money(award.amount),
            "fund_balance_after": _money(award.fund_entry.balance_after) if award.fund_entry_id else None,
        },
    )


ROUTERS: list = [
    ("/cooperatives/", cooperatives_router),
    ("/evaluations/", evaluations_router),
]
