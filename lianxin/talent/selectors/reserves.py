"""The reserves part's reads: the pools with their age-band table, candidates with their gates, the
selections' running count and the programmes' members, sessions and training hours. Pages, API and exports
read through these, so their numbers agree."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.scope import VIEW, under
from lianxin.talent.models import (
    Candidate,
    Gate,
    Programme,
    ProgrammeMember,
    ProgrammeSession,
    Reserve,
    ReserveStatus,
    Selection,
)
from lianxin.talent.models.reserves import GATE_ORDER


def _under(rows, root):
    return rows.filter(under("area_path", root.path)) if root is not None else rows


# -- reserves and their age bands ---------------------------------------------------------------------------


def reserves_for(*, user, root=None, status: str = ""):
    rows = _under(Reserve.objects.restrict(user, VIEW), root).select_related("area", "person", "used_post")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("area_path", "birth_year", "id")


def age_bands() -> list[dict]:
    """The bands of ``LIANXIN_RESERVE_AGE_BANDS`` (30, 35, 40): ≤30, 31–35, 36–40, over 40 (ages in
    whole years: the report year minus the birth year)."""
    bounds = sorted(int(b) for b in settings.LIANXIN_RESERVE_AGE_BANDS)
    bands, low = [], None
    for high in bounds:
        if low is None:
            label = _("%(n)s and under") % {"n": high}
        else:
            label = _("%(low)s–%(high)s") % {"low": low, "high": high}
        bands.append({"key": f"{low or 0}-{high}", "label": label, "low": low, "high": high})
        low = high + 1
    if low is not None:
        bands.append({"key": f"{low}-", "label": _("over %(n)s") % {"n": low - 1}, "low": low, "high": None})
    return bands


def age_band_of(age: int, bands: list[dict]) -> dict:
    for band in bands:
        if (band["low"] is None or age >= band["low"]) and (band["high"] is None or age <= band["high"]):
            return band
    return bands[-1]


def age_band_table(rows, *, year: int | None = None) -> dict:
    """The pool by age band in ``year`` (this year): reserves in the pool and used, per band; the total in
    the pool is the pool's count."""
    year = year or timezone.localdate().year
    bands = age_bands()
    table = {b["key"]: {**b, "in_pool": 0, "used": 0} for b in bands}
    for birth_year, status, n in (
        rows.order_by()
        .values_list("birth_year", "status")
        .annotate(n=Count("id"))
        .values_list("birth_year", "status", "n")
    ):
        band = age_band_of(year - birth_year, bands)
        if status == ReserveStatus.IN_POOL:
            table[band["key"]]["in_pool"] += n
        elif status == ReserveStatus.USED:
            table[band["key"]]["used"] += n
    lines = [table[b["key"]] for b in bands]
    return {
        "year": year,
        "bands": lines,
        "in_pool": sum(line["in_pool"] for line in lines),
        "used": sum(line["used"] for line in lines),
    }


def reserve_age(reserve: Reserve, year: int | None = None) -> int:
    return (year or timezone.localdate().year) - reserve.birth_year


# -- candidates and gates -----------------------------------------------------------------------------------


def candidates_for(*, user, root=None, status: str = ""):
    rows = _under(Candidate.objects.restrict(user, VIEW), root).select_related("area", "person", "reserve")
    if status:
        rows = rows.filter(status=status)
    return rows.prefetch_related(Prefetch("gates", queryset=Gate.objects.order_by("id")))


def gates_ordered(candidate: Candidate) -> list[Gate]:
    gates = {g.kind: g for g in candidate.gates.all()}
    return [gates[k] for k in GATE_ORDER if k in gates]


# -- selections (P002-15) -----------------------------------------------------------------------------------


def selections_for(*, user, root=None):
    return (
        _under(Selection.objects.restrict(user, VIEW), root)
        .select_related("talent", "person", "party_org", "area")
        .order_by("-selected_on", "-id")
    )


def selection_figures(rows) -> dict:
    """The running count (累计甄选): all selections, and as members and reserve cadres."""
    counts = rows.order_by().aggregate(
        total=Count("id"),
        members=Count("id", filter=Q(selected_as="member")),
        reserve_cadres=Count("id", filter=Q(selected_as="reserve_cadre")),
    )
    return {k: v or 0 for k, v in counts.items()}


# -- programmes (P003-52) -----------------------------------------------------------------------------------


def programmes_for(*, user, root=None, year: int | None = None):
    rows = _under(Programme.objects.restrict(user, VIEW), root)
    if year:
        rows = rows.filter(year=year)
    return rows.annotate(
        member_count=Count("members", distinct=True), session_count=Count("sessions", distinct=True)
    ).order_by("-year", "name")


def programme_members(programme: Programme):
    return (
        ProgrammeMember.objects.filter(programme=programme)
        .select_related("person")
        .order_by("joined_on", "id")
    )


def programme_sessions(programme: Programme):
    return (
        ProgrammeSession.objects.filter(programme=programme)
        .select_related("training_class")
        .annotate(enrolled=Count("training_class__enrolments"))
        .order_by("training_class__starts_on", "id")
    )


def training_hours(programme: Programme) -> list[dict]:
    """Each member's training in the programme: sessions on the roll, days attended and hours (days
    attended × the session's hours per day), in the order of joining."""
    from lianxin.education.models import Enrolment

    sessions = {s.training_class_id: s for s in ProgrammeSession.objects.filter(programme=programme)}
    per_person: dict[int, dict] = {}
    for e in Enrolment.objects.filter(training_class_id__in=list(sessions)).values(
        "person_id", "training_class_id", "days_attended"
    ):
        line = per_person.setdefault(e["person_id"], {"sessions": 0, "days": 0, "hours": Decimal("0.0")})
        line["sessions"] += 1
        line["days"] += e["days_attended"]
        line["hours"] += sessions[e["training_class_id"]].hours_per_day * e["days_attended"]
    out = []
    for m in programme_members(programme):
        line = per_person.get(m.person_id, {"sessions": 0, "days": 0, "hours": Decimal("0.0")})
        out.append(
            {
                "person_id": m.person_id,
                "name": m.person.name,
                "joined_on": m.joined_on,
                "sessions": line["sessions"],
                "days": line["days"],
                "hours": line["hours"].quantize(Decimal("0.1")),
            }
        )
    return out
