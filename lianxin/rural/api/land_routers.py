"""The land part's routers: /api/v1/collective-incomes/ (list, record or correct, import), /income-tiers/,
/land-contracts/, /land-figures/ (with farmland and consolidations). Money and mu are strings
("300000.00"), never floats. Each reads the same selectors as the pages and their Excel exports."""

from datetime import date

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import require
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.rural.models import INCOME_SOURCES, CollectiveIncome, LandContract
from lianxin.rural.selectors import land as sel
from lianxin.rural.services import land as svc

incomes_router = Router(tags=[gettext_lazy("Collective incomes")])
tiers_router = Router(tags=[gettext_lazy("Income tiers")])
contracts_router = Router(tags=[gettext_lazy("Land contracts")])
land_figures_router = Router(tags=[gettext_lazy("Land figures")])


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def _may_income(user) -> None:
    require(user, svc.INCOME_RECORD)


def _may_land(user) -> None:
    require(user, svc.LAND_RECORD)


def _village(user, village_id) -> Area:
    village = Area.objects.restrict(user, CHANGE).filter(pk=village_id).first()
    if village is None:
        raise DomainError(_("Choose one within your scope."), field="village_id")
    return village


def _year(year: int | None) -> int | None:
    if year is not None and not 2001 <= year <= 2100:
        raise DomainError(_("Enter the year as four digits, such as 2025."), field="year")
    return year


def _root(user, area_id):
    root = sel.root_resolve(user, area_id)
    if root is None:
        raise DomainError(_("Choose an area within your scope."), field="area_id")
    return root


# -- collective incomes --------------------------------------------------------------------------------------


class IncomeOut(Schema):
    id: int
    village_id: int
    village: str
    village_code: str
    year: int
    operating: str
    contracting: str
    investment: str
    subsidy: str
    other: str
    total: str
    cooperative_gain: str
    correction_reason: str


class IncomePage(Schema):
    count: int
    items: list[IncomeOut]
    next_cursor: str | None


class IncomeIn(Schema):
    village_id: ObjectId
    year: int = Field(..., ge=2000, le=2100)
    operating: str = "0"
    contracting: str = "0"
    investment: str = "0"
    subsidy: str = "0"
    other: str = "0"
    cooperative_gain: str = "0"
    correction: bool = False
    reason: str = ""


def income_out(x: CollectiveIncome) -> dict:
    out = {
        "id": x.pk,
        "village_id": x.area_id,
        "village": x.area.name,
        "village_code": x.area.code,
        "year": x.year,
        "total": _money(x.total),
        "cooperative_gain": _money(x.cooperative_gain),
        "correction_reason": x.correction_reason,
    }
    out.update({name: _money(getattr(x, name)) for name, _label in INCOME_SOURCES})
    return out


@incomes_router.get("/", response=IncomePage, summary=gettext_lazy("Collective incomes"))
def income_list(request, page: Query[PageParams], area_id: ObjectId | None = None, year: int | None = None):
    """Villages' collective incomes in the user's scope (of an area, a year)."""
    _may_income(request.user)
    root = sel.root_resolve(request.user, area_id)
    rows = (
        sel.incomes_for(user=request.user, root=root, year=year) if root else CollectiveIncome.objects.none()
    )
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": rows.count(),
        "items": [income_out(x) for x in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@incomes_router.post(
    "/", response={201: IncomeOut, 200: IncomeOut}, summary=gettext_lazy("Record a collective income")
)
def income_create(request, payload: IncomeIn):
    """A village's year (409 when already recorded and not marked as a correction; a correction needs its
    reason)."""
    user = request.user
    _may_income(user)
    row = svc.collective_income_record(
        user,
        village=_village(user, payload.village_id),
        year=payload.year,
        amounts={name: getattr(payload, name) for name, _label in INCOME_SOURCES},
        cooperative_gain=payload.cooperative_gain,
        correction=payload.correction,
        reason=payload.reason,
    )
    return Status(200 if payload.correction else 201, income_out(row))


@incomes_router.post("/import", summary=gettext_lazy("Import collective incomes"))
def income_import(request, file: File[UploadedFile]):
    """An Excel file in the template's columns (村编码, 年度, the five sources, 合作社带动, 更正, 原因): every
    bad cell listed by row and column and nothing written (400), or every row written."""
    from lianxin.rural.imports_land import incomes_import

    result = incomes_import(request.user, upload=file)
    if result["errors"]:
        return JsonResponse(
            {
                "error": {
                    "code": "invalid_rows",
                    "message": _("Nothing was imported. Correct these rows and upload the file again"),
                    "rows": [
                        {"row": e["row"], "column": e["column"], "message": e["message"], "text": e["text"]}
                        for e in result["errors"]
                    ],
                }
            },
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return {"written": result["written"]}


@incomes_router.get("/{income_id}", response=IncomeOut, summary=gettext_lazy("A collective income"))
def income_get(request, income_id: ObjectId):
    row = get_for_user(CollectiveIncome, request.user, income_id)
    _may_income(request.user)
    return income_out(row)


# -- income tiers --------------------------------------------------------------------------------------------


class TierOut(Schema):
    tier: str
    count: int
    share: str | None
    change: int | None


class TierYearOut(Schema):
    year: int
    villages: int
    tiers: list[TierOut]
    total: str
    cooperative_gain: str
    gain_villages: int
    gain_average: str | None


class PerCapitaOut(Schema):
    cluster_id: int
    cluster: str
    cluster_value: str
    county: str
    county_value: str | None
    above: str | None


class TiersOut(Schema):
    area_id: int
    area: str
    years: list[TierYearOut]
    per_capita_year: int
    per_capita: list[PerCapitaOut]


def tier_year_out(t) -> dict:
    return {
        "year": t.year,
        "villages": t.villages,
        "tiers": [
            {
                "tier": _money(x["tier"]),
                "count": x["count"],
                "share": None if x["share"] is None else str(x["share"]),
                "change": x["change"],
            }
            for x in t.tiers
        ],
        "total": _money(t.total),
        "cooperative_gain": _money(t.cooperative_gain),
        "gain_villages": t.gain_villages,
        "gain_average": _money(t.gain_average),
    }


@tiers_router.get("/", response=TiersOut, summary=gettext_lazy("Collective income tiers"))
def income_tiers(request, area_id: ObjectId | None = None, year: int | None = None):
    """Per year (the five up to ``year``): villages recorded, at or above each tier (LIANXIN_INCOME_TIERS)
    with the share and the change against the year before, the income and the cooperatives' part; the
    clusters' per-capita income against the county's."""
    _may_income(request.user)
    root = _root(request.user, area_id)
    last = _year(year) or sel.latest_year(root)
    years = list(range(last - 4, last + 1))
    compare = sel.per_capita_compare(root=root, year=last)
    return {
        "area_id": root.pk,
        "area": root.name,
        "years": [tier_year_out(t) for t in sel.income_tiers(root=root, years=years)],
        "per_capita_year": compare["year"],
        "per_capita": [
            {
                "cluster_id": r["cluster"].pk,
                "cluster": r["cluster"].name,
                "cluster_value": _money(r["cluster_value"]),
                "county": r["county"].name,
                "county_value": _money(r["county_value"]),
                "above": None if r["above"] is None else str(r["above"]),
            }
            for r in compare["rows"]
        ],
    }


# -- land contracts ------------------------------------------------------------------------------------------


class ContractOut(Schema):
    id: int
    kind: str
    kind_label: str
    village_id: int
    village: str
    mu: str
    links: int
    link_names: str
    mu_times: str
    counterparty: str
    starts_on: date
    ends_on: date
    in_force: bool


class ContractPage(Schema):
    count: int
    items: list[ContractOut]
    next_cursor: str | None


class ContractIn(Schema):
    village_id: ObjectId
    kind: str
    mu: str
    links: int = Field(1, ge=1, le=10)
    link_names: str = ""
    counterparty: str
    starts_on: date
    ends_on: date
    note: str = ""


def contract_out(c: LandContract, on: date) -> dict:
    return {
        "id": c.pk,
        "kind": c.kind,
        "kind_label": str(c.get_kind_display()),
        "village_id": c.area_id,
        "village": c.area.name,
        "mu": _money(c.mu),
        "links": c.links,
        "link_names": c.link_names,
        "mu_times": _money(c.mu_times),
        "counterparty": c.counterparty,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "in_force": c.in_force(on),
    }


@contracts_router.get("/", response=ContractPage, summary=gettext_lazy("Land contracts"))
def contract_list(
    request,
    page: Query[PageParams],
    area_id: ObjectId | None = None,
    kind: str = "",
    in_force_on: date | None = None,
):
    """Transfer and trusteeship contracts in the user's scope; ``in_force_on`` keeps those in force on
    that day."""
    _may_land(request.user)
    root = sel.root_resolve(request.user, area_id)
    rows = (
        sel.contracts_for(user=request.user, root=root, kind=kind, on=in_force_on)
        if root
        else LandContract.objects.none()
    )
    chunk = paginate(rows, page, key="id", descending=True)
    on = in_force_on or date.today()
    return {
        "count": rows.count(),
        "items": [contract_out(c, on) for c in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@contracts_router.post("/", response={201: ContractOut}, summary=gettext_lazy("Record a land contract"))
def contract_create(request, payload: ContractIn):
    user = request.user
    _may_land(user)
    contract = svc.land_contract_record(
        user,
        village=_village(user, payload.village_id),
        kind=payload.kind,
        mu=payload.mu,
        links=payload.links,
        link_names=payload.link_names,
        counterparty=payload.counterparty,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        note=payload.note,
    )
    return Status(201, contract_out(contract, date.today()))


# -- land figures --------------------------------------------------------------------------------------------


class LandFiguresOut(Schema):
    area_id: int
    area: str
    year: int
    on: date
    contracted_mu: str
    transferred_mu: str
    transfer_rate: str | None
    trusteeship_mu: str
    trusteeship_mu_times: str
    transferred_wan_mu: str
    trusteeship_wan_mu: str
    consolidations: int
    consolidated_mu: str
    planted_gain_mu: str
    consolidation_income: str
    gain_per_thousand_mu: str | None
    income_per_thousand_mu: str | None


@land_figures_router.get("/", response=LandFiguresOut, summary=gettext_lazy("Land figures"))
def land_figures(request, area_id: ObjectId | None = None, year: int | None = None):
    """Contracted farmland, transfer and trusteeship in force (mu and 万亩), the transfer rate, trusteeship
    mu-times and the year's consolidations (gain per 1,000 mu) of an area."""
    _may_land(request.user)
    root = _root(request.user, area_id)
    f = sel.land_figures(root=root, year=_year(year) or date.today().year)
    out = {
        "area_id": root.pk,
        "area": root.name,
        "year": f["year"],
        "on": f["on"],
        "consolidations": f["consolidations"],
    }
    for key in (
        "contracted_mu",
        "transferred_mu",
        "trusteeship_mu",
        "trusteeship_mu_times",
        "transferred_wan_mu",
        "trusteeship_wan_mu",
        "consolidated_mu",
        "planted_gain_mu",
        "consolidation_income",
        "gain_per_thousand_mu",
        "income_per_thousand_mu",
    ):
        out[key] = _money(f[key])
    out["transfer_rate"] = None if f["transfer_rate"] is None else str(f["transfer_rate"])
    return out


class FarmlandIn(Schema):
    village_id: ObjectId
    year: int = Field(..., ge=2000, le=2100)
    contracted_mu: str


class FarmlandOut(Schema):
    id: int
    village_id: int
    year: int
    contracted_mu: str


@land_figures_router.post(
    "/farmland", response={201: FarmlandOut}, summary=gettext_lazy("Record contracted farmland")
)
def farmland_create(request, payload: FarmlandIn):
    user = request.user
    _may_land(user)
    row = svc.farmland_record(
        user,
        village=_village(user, payload.village_id),
        year=payload.year,
        contracted_mu=payload.contracted_mu,
    )
    return Status(
        201,
        {
            "id": row.pk,
            "village_id": row.area_id,
            "year": row.year,
            "contracted_mu": _money(row.contracted_mu),
        },
    )


class ConsolidationIn(Schema):
    area_id: ObjectId
    name: str
    year: int = Field(..., ge=2000, le=2100)
    mu: str
    planted_before: str
    planted_after: str
    income_gained: str
    partner: str = ""
    cooperatives: int = Field(0, ge=0, le=1000)


class ConsolidationOut(Schema):
    id: int
    area_id: int
    name: str
    year: int
    mu: str
    planted_before: str
    planted_after: str
    income_gained: str
    gain_per_thousand_mu: str
    income_per_thousand_mu: str


@land_figures_router.post(
    "/consolidations", response={201: ConsolidationOut}, summary=gettext_lazy("Record a consolidation")
)
def consolidation_create(request, payload: ConsolidationIn):
    user = request.user
    _may_land(user)
    area = Area.objects.restrict(user, CHANGE).filter(pk=payload.area_id).first()
    if area is None:
        raise DomainError(_("Choose one within your scope."), field="area_id")
    c = svc.consolidation_record(
        user,
        area=area,
        name=payload.name,
        year=payload.year,
        mu=payload.mu,
        planted_before=payload.planted_before,
        planted_after=payload.planted_after,
        income_gained=payload.income_gained,
        partner=payload.partner,
        cooperatives=payload.cooperatives,
    )
    return Status(
        201,
        {
            "id": c.pk,
            "area_id": c.area_id,
            "name": c.name,
            "year": c.year,
            "mu": _money(c.mu),
            "planted_before": _money(c.planted_before),
            "planted_after": _money(c.planted_after),
            "income_gained": _money(c.income_gained),
            "gain_per_thousand_mu": _money(c.gain_per_thousand_mu),
            "income_per_thousand_mu": _money(c.income_per_thousand_mu),
        },
    )


ROUTERS: list = [
    ("/collective-incomes/", incomes_router),
    ("/income-tiers/", tiers_router),
    ("/land-contracts/", contracts_router),
    ("/land-figures/", land_figures_router),
]
