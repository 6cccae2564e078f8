"""Organisation coverage (组织覆盖): where the territory lacks the organisation, people or links the
sources require, and the coverage figures. Every line names the place and links to where it is fixed.

All queries start from the user's scope, so a street secretary reads his street's gaps and nothing else.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area, Household, Level
from lianxin.core.paths import parent_path
from lianxin.core.scope import under
from lianxin.party.models import LiaisonLink, Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind, Post
from lianxin.people.roles import Role

# Thresholds are settings with the sources' values as defaults.
BRANCH_MIN_MEMBERS = getattr(
    settings, "LIANXIN_BRANCH_MIN_MEMBERS", 3
)  # P003-01: 3+ full members → own branch
GROUP_MIN_MEMBERS = getattr(settings, "LIANXIN_GROUP_MIN_MEMBERS", 3)  # P004-18
LIAISON_MAX_HOUSEHOLDS = getattr(settings, "LIANXIN_LIAISON_MAX_HOUSEHOLDS", 11)  # P002-30 "1+11"


@dataclass
class Line:
    target: object  # an Area, PartyOrg or Person
    detail: str
    url: str
    # The place above the target, for names that repeat (a "4号楼" in every estate).
    where: str = ""


@dataclass
class Section:
    key: str
    title: str
    rule: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class CoverageFigures:
    estates: int = 0
    estates_with_branch: int = 0
    estate_branches: int = 0
    members_in_estate_branches: int = 0

    @property
    def estate_coverage_rate(self) -> float | None:
        """Estates with a branch of their own ÷ all estates, to one decimal (P003-04 / P004-05)."""
        if not self.estates:
            return None
        return round(100 * self.estates_with_branch / self.estates, 1)


def _area_url(area: Area) -> str:
    return reverse("areas:detail", args=[area.pk])


def _org_url(org: PartyOrg) -> str:
    return reverse("party:detail", args=[org.pk])


def _scoped_areas(user, root: Area | None):
    areas = Area.objects.restrict(user).live()
    if root is not None:
        areas = areas.filter(under("path", root.path))
    return areas


def _member_rows(user, root: Area | None):
    """(person area path, org area path, org id) for current full home members living in scope."""
    today = timezone.localdate()
    members = Membership.objects.restrict(user).current(today).filter(kind=MembershipKind.FULL, is_home=True)
    if root is not None:
        members = members.filter(under("area_path", root.path))
    return list(members.values_list("area_path", "org__area_path", "org_id"))


def _prefix_counts(rows, paths: list[str], *, local_to: dict[str, str] | None = None) -> Counter:
    """How many member rows live under each of ``paths``; with ``local_to``, only members whose home
    organisation is anchored under the given path for that place (self-managed locally)."""
    counts: Counter = Counter()
    lengths = sorted({len(p) for p in paths})
    wanted = set(paths)
    for person_path, org_path, _org in rows:
        for length in lengths:
            prefix = person_path[:length]
            if prefix in wanted:
                if local_to is None or (org_path or "").startswith(local_to[prefix]):
                    counts[prefix] += 1
                break
    return counts


def _current_posts(user, role_q: Q):
    return Post.objects.restrict(user).current().filter(role_q)


def coverage_figures(*, user, root: Area | None = None) -> CoverageFigures:
    estates = list(_scoped_areas(user, root).filter(level=Level.ESTATE).values_list("pk", "path"))
    branches = PartyOrg.objects.restrict(user).filter(kind=OrgKind.BRANCH, area__level=Level.ESTATE)
    if root is not None:
        branches = branches.filter(under("area_path", root.path))
    branch_paths = list(branches.values_list("path", flat=True))
    covered = set(branches.values_list("area_id", flat=True))
    members = (
        Membership.objects.restrict(user)
        .current()
        .filter(is_home=True)
        .exclude(kind=MembershipKind.APPLICANT)
    )
    in_branches = Q(pk__in=[])
    for path in branch_paths:
        in_branches |= under("org_path", path)
    return CoverageFigures(
        estates=len(estates),
        estates_with_branch=len([pk for pk, _ in estates if pk in covered]),
        estate_branches=len(branch_paths),
        members_in_estate_branches=members.filter(in_branches).count() if branch_paths else 0,
    )


def coverage_report(*, user, root: Area | None = None) -> list[Section]:
    """Every coverage rule, with the lines that break it inside the user's scope (under ``root``)."""
    areas = _scoped_areas(user, root)
    estates = list(areas.filter(level=Level.ESTATE).order_by("path"))
    buildings = list(areas.filter(level=Level.BUILDING).order_by("path"))
    member_rows = _member_rows(user, root)
    sections = []
    parent_names = dict(
        Area.objects.filter(path__in={parent_path(b.path) for b in buildings}).values_list("path", "name")
    )

    def above(area: Area) -> str:
        return parent_names.get(parent_path(area.path), "")

    # 1. Estates that should have a branch but have none (应建未建, P003-01 / P004-05).
    with_branch = set(
        PartyOrg.objects.filter(kind=OrgKind.BRANCH, area__in=estates).values_list("area_id", flat=True)
    )
    community_of = {e.path: parent_path(e.path) for e in estates}
    members_by_estate = _prefix_counts(member_rows, [e.path for e in estates], local_to=community_of)
    section = Section(
        "estate_branch",
        _("Estates that should have a party branch but have none"),
        _(
            "An estate where %(n)d or more full members with their organisational relation held locally live "
            "needs a branch of its own."
        )
        % {"n": BRANCH_MIN_MEMBERS},
    )
    for estate in estates:
        count = members_by_estate.get(estate.path, 0)
        if count >= BRANCH_MIN_MEMBERS and estate.pk not in with_branch:
            section.lines.append(
                Line(
                    estate,
                    _("%(n)d full members live here") % {"n": count},
                    reverse("coverage:branch_create", args=[estate.pk]),
                )
            )
    sections.append(section)

    # 2. Buildings that qualify for a party group but have none (P004-18).
    with_group = set(
        PartyOrg.objects.filter(kind=OrgKind.GROUP, area__in=buildings).values_list("area_id", flat=True)
    )
    members_by_building = _prefix_counts(member_rows, [b.path for b in buildings])
    section = Section(
        "building_group",
        _("Buildings with party members but no party group"),
        _("A building where %(n)d or more full members live should have a building party group.")
        % {"n": GROUP_MIN_MEMBERS},
    )
    for building in buildings:
        count = members_by_building.get(building.path, 0)
        if count >= GROUP_MIN_MEMBERS and building.pk not in with_group:
            section.lines.append(
                Line(
                    building,
                    _("%(n)d full members live here") % {"n": count},
                    _area_url(building),
                    above(building),
                )
            )
    sections.append(section)

    # 3. Grids (estates, village grids) without a grid worker (P003-05, P001-27).
    grids = [a for a in areas.filter(level__in=[Level.ESTATE, Level.GRID]).order_by("path")]
    staffed = set(_current_posts(user, Q(role=Role.GRID_WORKER)).values_list("area_id", flat=True))
    section = Section(
        "grid_worker", _("Grids without a grid worker"), _("Every grid needs at least one grid worker.")
    )
    section.lines = [
        Line(g, _("no current grid worker post"), _area_url(g)) for g in grids if g.pk not in staffed
    ]
    sections.append(section)

    # 4. Buildings without a building captain (P000-34, P001-24, P004-12).
    captained = set(_current_posts(user, Q(role=Role.BUILDING_CAPTAIN)).values_list("area_id", flat=True))
    section = Section(
        "building_captain",
        _("Buildings without a building captain"),
        _("Every building needs a building captain."),
    )
    section.lines = [
        Line(b, _("no current building captain"), _area_url(b), above(b))
        for b in buildings
        if b.pk not in captained
    ]
    sections.append(section)

    # 5. Community committees without a secretary (P001-22).
    committees = PartyOrg.objects.restrict(user).filter(kind=OrgKind.COMMITTEE, area__level=Level.COMMUNITY)
    if root is not None:
        committees = committees.filter(under("area_path", root.path))
    # A secretary holds the post either on the committee itself or over its community.
    with_secretary = set(
        Post.objects.current()
        .filter(role=Role.SECRETARY, party_org__in=committees)
        .values_list("party_org_id", flat=True)
    )
    secretary_areas = set(
        Post.objects.current()
        .filter(role=Role.SECRETARY, area__in=committees.values("area"))
        .values_list("area_id", flat=True)
    )
    section = Section(
        "committee_secretary",
        _("Community party committees without a secretary"),
        _("Each community party committee needs a secretary."),
    )
    section.lines = [
        Line(c, _("no current secretary post"), _org_url(c))
        for c in committees.order_by("path")
        if c.pk not in with_secretary and c.area_id not in secretary_areas
    ]
    sections.append(section)

    # 6. Estate branches without a full-time community worker or grid worker (P001-26).
    branches = (
        PartyOrg.objects.restrict(user)
        .filter(kind=OrgKind.BRANCH, area__level=Level.ESTATE)
        .select_related("area")
    )
    if root is not None:
        branches = branches.filter(under("area_path", root.path))
    full_time = set(
        Post.objects.current()
        .filter(
            role__in=[Role.COMMUNITY_WORKER, Role.GRID_WORKER], is_full_time=True, area__level=Level.ESTATE
        )
        .values_list("area_id", flat=True)
    )
    section = Section(
        "branch_full_time",
        _("Estate branches without a full-time worker"),
        _("Every estate branch needs at least one full-time community worker or grid worker."),
    )
    section.lines = [
        Line(b, _("no full-time worker posted to %(estate)s") % {"estate": b.area.name}, _org_url(b))
        for b in branches.order_by("path")
        if b.area_id not in full_time
    ]
    sections.append(section)

    # 7. Liaisons linked to more than eleven households, and village households with no liaison (P002-30).
    links = LiaisonLink.objects.restrict(user)
    if root is not None:
        links = links.filter(under("area_path", root.path))
    section = Section(
        "liaison_load",
        _("Liaisons with more than eleven households"),
        _("One liaison links at most %(n)d households (“1+11”).") % {"n": LIAISON_MAX_HOUSEHOLDS},
    )
    for row in (
        links.values("liaison_id", "liaison__name")
        .annotate(n=Count("id"))
        .filter(n__gt=LIAISON_MAX_HOUSEHOLDS)
    ):
        section.lines.append(
            Line(
                row["liaison__name"],
                _("%(n)d households linked") % {"n": row["n"]},
                reverse("people:detail", args=[row["liaison_id"]]),
            )
        )
    sections.append(section)

    villages = areas.filter(level__in=[Level.VILLAGE, Level.GRID])
    unlinked = Household.objects.restrict(user).filter(area__in=villages, liaison_link__isnull=True)
    by_village = dict(unlinked.values_list("area_id").annotate(n=Count("id")))
    section = Section(
        "household_liaison",
        _("Village households without a liaison"),
        _("Every village household is linked to a liaison."),
    )
    section.lines = [
        Line(v, _("%(n)d households without a liaison") % {"n": by_village[v.pk]}, _area_url(v))
        for v in villages.order_by("path")
        if v.pk in by_village
    ]
    sections.append(section)

    # 8. Estates with no owners' committee (P001-57).
    with_committee = set(
        Organisation.objects.filter(kind=OrganisationKind.OWNERS_COMMITTEE, estate__in=estates).values_list(
            "estate_id", flat=True
        )
    )
    section = Section(
        "owners_committee",
        _("Estates without an owners' committee"),
        _("Each estate should elect an owners' committee."),
    )
    section.lines = [
        Line(e, _("no owners' committee recorded"), _area_url(e))
        for e in estates
        if e.pk not in with_committee
    ]
    sections.append(section)

    # 9. Grids with no resident party member, while grids are drawn (P000-26).
    members_by_grid = defaultdict(int, _prefix_counts(member_rows, [g.path for g in grids]))
    section = Section(
        "grid_members",
        _("Grids with no resident party member"),
        _("Grids are drawn with the distribution of party members in mind."),
    )
    section.lines = [
        Line(g, _("no full member lives here"), _area_url(g)) for g in grids if not members_by_grid[g.path]
    ]
    sections.append(section)

    from lianxin.party.coverage.territory import territory_sections

    sections.extend(
        territory_sections(user=user, root=root, estates=estates, section_cls=Section, line_cls=Line)
    )
    return sections
