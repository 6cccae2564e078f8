"""Reads of the industry part: the lists of projects, parks, brands, chains and training bases a user may
see, and their counts and sums. The page, its Excel and the API all read these, so the numbers agree."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone

from lianxin.areas.models import Area, Level, Place
from lianxin.core.paths import ancestor_paths, under
from lianxin.core.scope import VIEW
from lianxin.party.models.chains import ChainLink, IndustryChain
from lianxin.rural.models import (
    Beneficiary,
    Brand,
    BrandOwner,
    Park,
    ParkKind,
    ParkStatus,
    Project,
    ProjectKind,
    ProjectStage,
)

TRAINING_BASE = "training_base"
ZERO = Decimal("0.00")


def _under_root(rows, root, field_name: str = "area_path"):
    return rows.filter(under(field_name, root.path)) if root is not None else rows


# -- projects -------------------------------------------------------------------------------------------


def projects_for(
    *, user, root: Area | None = None, stage: str = "", kind: str = "", task_force_id=None, q: str = ""
):
    rows = _under_root(Project.objects.restrict(user, VIEW), root)
    if stage:
        rows = rows.filter(stage=stage)
    if kind:
        rows = rows.filter(kind=kind)
    if task_force_id:
        rows = rows.filter(task_force_id=task_force_id)
    if q:
        rows = rows.filter(Q(name__contains=q) | Q(industry__contains=q))
    return (
        rows.select_related("area", "task_force", "central_village", "enterprise")
        .annotate(
            n_beneficiaries=Count("beneficiaries", distinct=True),
            mean_increase=Avg("beneficiaries__annual_increase"),
        )
        .order_by("-id")
    )


@dataclass
class AreaLine:
    """One cluster's (or the rest's) counts and sums."""

    area: str
    path: str = ""
    count: int = 0
    investment: Decimal = ZERO
    output_value: Decimal = ZERO
    collective_income_gain: Decimal = ZERO
    by: dict = field(default_factory=dict)


def _cluster_of(paths) -> dict[str, Area]:
    """Each area path's cluster (片区) above or at it, where there is one."""
    wanted = {a for p in paths for a in ancestor_paths(p)}
    clusters = {a.path: a for a in Area.objects.filter(level=Level.CLUSTER, path__in=wanted)}
    found = {}
    for p in paths:
        for a in ancestor_paths(p):
            if a in clusters:
                found[p] = clusters[a]
                break
    return found


def _lines(values, *, by_key: str) -> list[AreaLine]:
    """Lines per cluster (and one for what lies in no cluster), from dicts with area_path and by_key."""
    values = list(values)
    clusters = _cluster_of({v["area_path"] for v in values})
    lines: dict[str, AreaLine] = {}
    for v in values:
        cluster = clusters.get(v["area_path"])
        key = cluster.path if cluster else ""
        line = lines.get(key)
        if line is None:
            line = lines[key] = AreaLine(area=cluster.name if cluster else "", path=key)
        line.count += 1
        for amount in ("investment", "output_value", "collective_income_gain"):
            if amount in v:
                setattr(line, amount, getattr(line, amount) + (v[amount] or ZERO))
        line.by[v[by_key]] = line.by.get(v[by_key], 0) + 1
    return sorted(lines.values(), key=lambda line: (line.path == "", line.path))


def project_figures(rows) -> dict:
    """Counts by stage and kind, the bases' investment, output and collective-income gain, the people drawn
    in and their mean increase, and the same per cluster (P000-13, P000-16, P002-18, P002-19, P002-66)."""
    plain = rows.model.objects.filter(pk__in=rows.values("pk"))
    values = list(
        plain.values("area_path", "stage", "kind", "investment", "output_value", "collective_income_gain")
    )
    by_stage = {s: 0 for s in ProjectStage.values}
    by_kind = {k: 0 for k in ProjectKind.values}
    for v in values:
        by_stage[v["stage"]] += 1
        by_kind[v["kind"]] += 1
    bases = [v for v in values if v["kind"] == ProjectKind.BASE]
    people = Beneficiary.objects.filter(project__in=plain).aggregate(
        n=Count("id"), mean=Avg("annual_increase"), total=Sum("annual_increase")
    )
    return {
        "count": len(values),
        "by_stage": [(s, ProjectStage(s).label, by_stage[s]) for s in ProjectStage.values],
        "by_kind": [(k, ProjectKind(k).label, by_kind[k]) for k in ProjectKind.values],
        "bases": {
            "count": len(bases),
            "investment": sum((v["investment"] for v in bases), ZERO),
            "output_value": sum((v["output_value"] for v in bases), ZERO),
            "collective_income_gain": sum((v["collective_income_gain"] for v in bases), ZERO),
        },
        "bases_by_cluster": _lines(bases, by_key="stage"),
        "by_cluster": _lines(values, by_key="kind"),
        "beneficiaries": people["n"] or 0,
        "mean_increase": _money(people["mean"]),
    }


def _money(value) -> Decimal:
    if value is None:
        return ZERO
    return Decimal(value).quantize(Decimal("0.01"))


def beneficiary_figures(project: Project) -> dict:
    people = project.beneficiaries.aggregate(
        n=Count("id"), mean=Avg("annual_increase"), total=Sum("annual_increase")
    )
    return {"count": people["n"] or 0, "mean": _money(people["mean"]), "total": _money(people["total"])}


# -- parks ----------------------------------------------------------------------------------------------


def parks_for(
    *,
    user,
    root: Area | None = None,
    kind: str = "",
    status: str = "",
    since: date | None = None,
    until: date | None = None,
):
    """``since``/``until``: started within the period (P000-12 counts by type, status and period)."""
    rows = _under_root(Park.objects.restrict(user, VIEW), root)
    if since:
        rows = rows.filter(started_on__gte=since)
    if until:
        rows = rows.filter(started_on__lte=until)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("area").prefetch_related("villages").order_by("-started_on", "-id")


def since_last_year(today: date | None = None) -> date:
    """“New since last year” (去年以来新建): started on or after 1 January of the year before."""
    today = today or timezone.localdate()
    return date(today.year - 1, 1, 1)


def park_figures(rows, *, today: date | None = None) -> dict:
    values = list(
        rows.model.objects.filter(pk__in=rows.values("pk")).values(
            "area_path", "kind", "status", "started_on"
        )
    )
    since = since_last_year(today)
    by_kind = {k: [0, 0] for k in ParkKind.values}
    by_status = {s: 0 for s in ParkStatus.values}
    for v in values:
        by_kind[v["kind"]][0] += 1
        if v["started_on"] >= since:
            by_kind[v["kind"]][1] += 1
        by_status[v["status"]] += 1
    return {
        "count": len(values),
        "since": since,
        "new": sum(1 for v in values if v["started_on"] >= since),
        "by_kind": [(k, ParkKind(k).label, by_kind[k][0], by_kind[k][1]) for k in ParkKind.values],
        "by_status": [(s, ParkStatus(s).label, by_status[s]) for s in ParkStatus.values],
        "by_cluster": _lines(values, by_key="kind"),
    }


# -- brands ---------------------------------------------------------------------------------------------


def brands_for(*, user, root: Area | None = None, owner_kind: str = ""):
    rows = _under_root(Brand.objects.restrict(user, VIEW), root)
    if owner_kind:
        rows = rows.filter(owner_kind=owner_kind)
    return rows.select_related("area", "organisation").order_by("-id")


def brand_figures(rows) -> dict:
    values = list(rows.model.objects.filter(pk__in=rows.values("pk")).values("area_path", "owner_kind"))
    by_owner = {k: 0 for k in BrandOwner.values}
    for v in values:
        by_owner[v["owner_kind"]] += 1
    return {
        "count": len(values),
        "by_owner": [(k, BrandOwner(k).label, by_owner[k]) for k in BrandOwner.values],
        "by_cluster": _lines(values, by_key="owner_kind"),
    }


def cluster_brands(*, user, root: Area | None = None):
    """The clusters' own brand names (片区品牌, ``Area.brand``, P002-19)."""
    rows = Area.objects.restrict(user, VIEW).live().filter(level=Level.CLUSTER)
    if root is not None:
        rows = rows.filter(under("path", root.path))
    return rows.order_by("path")


# -- chains ---------------------------------------------------------------------------------------------


def chains_for(*, user, root: Area | None = None):
    return (
        _under_root(IndustryChain.objects.restrict(user, VIEW), root)
        .select_related("area")
        .order_by("area__path", "name")
    )


def chain_figures(rows) -> dict:
    chains = list(rows)
    full = [c for c in chains if c.is_full_chain]
    by_link = {code: sum(1 for c in chains if code in (c.links or ())) for code in ChainLink.values}
    return {
        "count": len(chains),
        "full": len(full),
        "by_link": [(code, ChainLink(code).label, by_link[code]) for code in ChainLink.values],
    }


# -- training bases (P002-64) ---------------------------------------------------------------------------


def training_bases_for(*, user, root: Area | None = None):
    rows = _under_root(Place.objects.restrict(user, VIEW), root).filter(designations__code=TRAINING_BASE)
    return rows.select_related("area").distinct().order_by("area_path", "name")


def training_base_figures(rows) -> dict:
    values = list(Place.objects.filter(pk__in=rows.values("pk")).values("area_path", "status"))
    return {"count": len(values), "by_cluster": _lines(values, by_key="status")}


def root_of(user, area_id) -> Area | None:
    """The area a list is narrowed to (an id the user may see), or None."""
    from lianxin.core.scope import get_for_user

    if not area_id:
        return None
    return get_for_user(Area, user, area_id)
