"""Industry-chain party alliances (P003-31–34): category, ordered chain segments, members and their roles,
the founders' warnings, and the figures (alliances, enterprises, counties without one, per category)."""

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.models.alliances import (
    DEPARTMENT_ROLES,
    AllianceCategory,
    AllianceMember,
    AllianceRole,
    ChainCategory,
    ChainSegment,
)
from lianxin.people.models import Department, Organisation


def _writable_alliance(actor, alliance: PartyOrg) -> None:
    if alliance.kind != OrgKind.CHAIN_ALLIANCE:
        raise DomainError(_("%(org)s is not a chain alliance.") % {"org": alliance.name}, code="bad_kind")
    if not PartyOrg.objects.restrict(actor, CHANGE).filter(pk=alliance.pk).exists():
        raise DomainError(_("You may not change %(org)s.") % {"org": alliance.name}, code="forbidden")


@transaction.atomic
def alliance_category_set(*, actor, alliance: PartyOrg, category: ChainCategory) -> AllianceCategory:
    _writable_alliance(actor, alliance)
    link, _created = AllianceCategory.objects.update_or_create(
        alliance=alliance, defaults={"category": category}
    )
    return link


@transaction.atomic
def chain_segment_add(*, actor, alliance: PartyOrg, name: str, position: int | None = None) -> ChainSegment:
    """Add a segment at ``position`` (1 = most upstream), shifting those at and after it downstream; at
    the downstream end when no position is given."""
    _writable_alliance(actor, alliance)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Enter a name."), code="required", field="name")
    segments = ChainSegment.objects.filter(alliance=alliance)
    if segments.filter(name=name).exists():
        raise DomainError(
            _("This chain already has a segment %(name)s.") % {"name": name}, code="exists", field="name"
        )
    last = segments.aggregate(m=Max("position"))["m"] or 0
    if position is None or position > last:
        position = last + 1
    if position < 1:
        raise DomainError(_("The position starts at 1 (most upstream)."), code="invalid", field="position")
    for segment in segments.filter(position__gte=position).order_by("-position"):
        segment.position += 1
        segment.save(update_fields=["position"])
    return ChainSegment.objects.create(alliance=alliance, name=name, position=position)


def _check_member(alliance, role, department, enterprise, party_org, segment) -> None:
    if role not in AllianceRole.values:
        raise DomainError(_("Choose the member's role."), code="required", field="role")
    if role in DEPARTMENT_ROLES and department is None:
        raise DomainError(_("A department member names its department."), code="required", field="department")
    if role == AllianceRole.LEADING_ENTERPRISE and party_org is None:
        raise DomainError(
            _("A leading enterprise's member names its party organisation."),
            code="required",
            field="party_org",
        )
    if role == AllianceRole.MEMBER_ENTERPRISE and enterprise is None:
        raise DomainError(_("A member enterprise names the enterprise."), code="required", field="enterprise")
    if segment is not None and segment.alliance_id != alliance.pk:
        raise DomainError(_("This segment belongs to another chain."), code="invalid", field="segment")


@transaction.atomic
def alliance_member_add(
    *,
    actor,
    alliance: PartyOrg,
    role: str,
    department: Department | None = None,
    enterprise: Organisation | None = None,
    party_org: PartyOrg | None = None,
    segment: ChainSegment | None = None,
) -> AllianceMember:
    _writable_alliance(actor, alliance)
    if role in DEPARTMENT_ROLES:
        enterprise = party_org = None
    elif role == AllianceRole.MEMBER_ENTERPRISE:
        department = None
    _check_member(alliance, role, department, enterprise, party_org, segment)
    if (
        enterprise is not None
        and AllianceMember.objects.filter(alliance=alliance, enterprise=enterprise).exists()
    ):
        raise DomainError(
            _("%(name)s is already a member of this alliance.") % {"name": enterprise.name},
            code="exists",
            field="enterprise",
        )
    member = AllianceMember.objects.create(
        alliance=alliance,
        role=role,
        department=department,
        enterprise=enterprise,
        party_org=party_org,
        segment=segment,
    )
    if enterprise is not None:
        # The alliance's organisations covered are its member enterprises (P003-31).
        alliance.organisations.add(enterprise)
    return member


@transaction.atomic
def alliance_member_place(*, actor, member: AllianceMember, segment: ChainSegment | None) -> AllianceMember:
    _writable_alliance(actor, member.alliance)
    if segment is not None and segment.alliance_id != member.alliance_id:
        raise DomainError(_("This segment belongs to another chain."), code="invalid", field="segment")
    member.segment = segment
    member.save(update_fields=["segment"])
    return member


# -- reads ---------------------------------------------------------------------------------------------------


def alliances_list(*, user, root: Area | None = None):
    alliances = PartyOrg.objects.restrict(user).filter(kind=OrgKind.CHAIN_ALLIANCE)
    if root is not None:
        alliances = alliances.filter(under("area_path", root.path))
    return alliances.select_related("area", "chain_category__category").order_by("path")


def alliance_warnings(*, alliance: PartyOrg, members=None) -> list[str]:
    """What the founders lack (P003-32): the chain's lead department, a leading enterprise's party
    organisation."""
    roles = {m.role for m in (members if members is not None else alliance.alliance_members.all())}
    warnings = []
    if AllianceRole.LEAD_DEPARTMENT not in roles:
        warnings.append(_("No chain lead department recorded."))
    if AllianceRole.LEADING_ENTERPRISE not in roles:
        warnings.append(_("No leading enterprise's party organisation recorded."))
    return warnings


@dataclass
class SegmentView:
    segment: ChainSegment | None
    members: list


def alliance_chain(*, alliance: PartyOrg) -> list[SegmentView]:
    """The segments upstream to downstream, each with its members; unplaced members last."""
    members = list(
        AllianceMember.objects.filter(alliance=alliance).select_related(
            "department", "enterprise", "party_org"
        )
    )
    views = [
        SegmentView(s, [m for m in members if m.segment_id == s.pk])
        for s in ChainSegment.objects.filter(alliance=alliance).order_by("position")
    ]
    unplaced = [m for m in members if m.segment_id is None]
    if unplaced:
        views.append(SegmentView(None, unplaced))
    return views


@dataclass
class AllianceFigures:
    alliances: int
    enterprises: int
    counties_without: list[Area]
    by_category: list[tuple[str, str, int]]  # (group, category, alliances)
    by_group: list[tuple[str, int]]


def alliance_figures(*, user, root: Area | None = None) -> AllianceFigures:
    """Alliances, distinct member enterprises, counties in scope with no alliance (P003-31), and alliances
    per chain category and per cluster group (P003-33)."""
    alliances = list(alliances_list(user=user, root=root))
    ids = [a.pk for a in alliances]
    enterprises = (
        AllianceMember.objects.filter(alliance_id__in=ids, enterprise__isnull=False)
        .values("enterprise_id")
        .distinct()
        .count()
    )
    counties = Area.objects.restrict(user).live().filter(level=Level.COUNTY)
    if root is not None:
        counties = counties.filter(under("path", root.path))
    alliance_paths = [a.area_path for a in alliances if a.area_path]
    counties_without = [
        c for c in counties.order_by("path") if not any(p.startswith(c.path) for p in alliance_paths)
    ]
    per_category = Counter(
        AllianceCategory.objects.filter(alliance_id__in=ids).values_list("category_id", flat=True)
    )
    by_category, by_group = [], Counter()
    for category in ChainCategory.objects.all():
        n = per_category.get(category.pk, 0)
        by_category.append((category.group, category.name, n))
        by_group[category.group] += n
    groups = list(dict.fromkeys(group for group, _name, _n in by_category))
    uncategorised = len(ids) - sum(per_category.values())
    if uncategorised:
        by_category.append(("", _("no category"), uncategorised))
    return AllianceFigures(
        alliances=len(ids),
        enterprises=enterprises,
        counties_without=counties_without,
        by_category=by_category,
        by_group=[(g, by_group[g]) for g in groups],
    )
