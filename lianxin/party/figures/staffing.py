"""Staffing and area-level figures (P001-01, P001-25, P001-57, P002-58), appended to
``figures.organisation.territory_figures``."""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Level
from lianxin.core.paths import under
from lianxin.party.figures.organisation import Row, areas_within, posts_within
from lianxin.party.models import MembershipKind, OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind, Person, Post
from lianxin.people.roles import FOUR_ROLES, Role

COMMITTEE_ROLES = (Role.OWNERS_COMMITTEE_MEMBER, Role.OWNERS_COMMITTEE_DIRECTOR)
LEVEL_ORDER = (Level.STREET, Level.TOWNSHIP, Level.CLUSTER, Level.COMMUNITY, Level.VILLAGE, Level.ESTATE,
               Level.GRID, Level.BUILDING, Level.UNIT)  # fmt: skip


def areas_by_level(*, user, root=None):
    counts = Counter(areas_within(user, root).values_list("level", flat=True))
    return [Row(Level(level).label, counts[level]) for level in LEVEL_ORDER if counts[level]]


def workers_by_period(*, user, root=None):
    """Community workers and grid workers in post, by the year they were appointed (P001-25)."""
    posts = posts_within(user, root).filter(role__in=[Role.COMMUNITY_WORKER, Role.GRID_WORKER])
    counts = Counter((p.start_date.year, p.role) for p in posts.only("start_date", "role"))
    years = sorted({year for year, _role in counts})
    return [
        Row(
            _("appointed in %(year)d") % {"year": year},
            counts[(year, Role.COMMUNITY_WORKER)] + counts[(year, Role.GRID_WORKER)],
            _("%(cw)d community workers, %(gw)d grid workers")
            % {"cw": counts[(year, Role.COMMUNITY_WORKER)], "gw": counts[(year, Role.GRID_WORKER)]},
        )
        for year in years
    ]


def owners_committees(*, user, root=None):
    """Each owners' committee: members, share of party members, whether the estate branch secretary sits
    on it (P001-57)."""
    committees = Organisation.objects.restrict(user).filter(kind=OrganisationKind.OWNERS_COMMITTEE)
    if root is not None:
        committees = committees.filter(under("estate__path", root.path))
    rows = []
    for committee in committees.select_related("estate").order_by("name")[:200]:
        members = list(
            Post.objects.current()
            .filter(organisation=committee, role__in=COMMITTEE_ROLES)
            .values_list("person_id", flat=True)
            .distinct()
        )
        party = (
            Person.objects.filter(
                pk__in=members,
                memberships__kind__in=(MembershipKind.FULL, MembershipKind.PROBATIONARY),
                memberships__end_date__isnull=True,
            )
            .distinct()
            .count()
        )
        secretary_sits = (
            Post.objects.current()
            .filter(
                role=Role.SECRETARY,
                party_org__kind=OrgKind.BRANCH,
                party_org__area=committee.estate_id,
                person_id__in=members,
            )
            .exists()
        )
        share = f"{100 * party / len(members):.1f}%" if members else "—"
        term = ""
        if committee.term_start:
            end = committee.term_end.isoformat() if committee.term_end else ""
            term = f"{committee.term_start.isoformat()}–{end}"
        rows.append(
            Row(
                committee.name,
                _("%(n)d members, party members %(share)s") % {"n": len(members), "share": share},
                "；".join(
                    str(part)
                    for part in filter(
                        None,
                        [
                            term,
                            _("branch secretary sits on it")
                            if secretary_sits
                            else _("branch secretary not on it"),
                        ],
                    )
                ),
            )
        )
    return rows


def _parts(user, root):
    """The areas one level below ``root``, or below each of the user's own outermost areas without one."""
    from lianxin.areas.selectors import area_roots

    tops = [root] if root is not None else list(area_roots(user=user))
    parts = []
    for top in tops:
        parts += list(areas_within(user, top).filter(depth=top.depth + 1).order_by("path"))
    return parts


def staff_by_area(*, user, root=None) -> tuple[list[Row], list[Row]]:
    """Per area one level down: the people holding building- or unit-captain posts (P001-24), and those
    holding community-worker or grid-worker posts (P001-25), each person once per area."""
    posts = list(
        posts_within(user, root)
        .filter(role__in=[Role.BUILDING_CAPTAIN, Role.UNIT_CAPTAIN, Role.COMMUNITY_WORKER, Role.GRID_WORKER])
        .values_list("area_path", "role", "person_id")
    )
    captains, workers = [], []
    for part in _parts(user, root):
        held: dict[str, set] = {}
        for path, role, person in posts:
            if path.startswith(part.path):
                held.setdefault(role, set()).add(person)

        def people(*roles, held=held):
            return set().union(*(held.get(r, set()) for r in roles))

        captains.append(
            Row(
                part.name,
                len(people(Role.BUILDING_CAPTAIN, Role.UNIT_CAPTAIN)),
                _("%(b)d building captains, %(u)d unit captains")
                % {"b": len(people(Role.BUILDING_CAPTAIN)), "u": len(people(Role.UNIT_CAPTAIN))},
            )
        )
        workers.append(
            Row(
                part.name,
                len(people(Role.COMMUNITY_WORKER, Role.GRID_WORKER)),
                _("%(cw)d community workers, %(gw)d grid workers")
                % {"cw": len(people(Role.COMMUNITY_WORKER)), "gw": len(people(Role.GRID_WORKER))},
            )
        )
    return captains, workers


def two_new_by_sector(*, user, root=None) -> list[Row]:
    """Organisations under each sector committee (express, food delivery … property), by how they were set up
    (单建 / 联建 / 龙头企业带动建, P001-44); sector committees of one sector at city and county add up."""
    from lianxin.party.figures.organisation import orgs_within
    from lianxin.party.models import Sector, SetupMode

    committees = list(
        PartyOrg.objects.restrict(user).filter(kind=OrgKind.SECTOR_COMMITTEE).exclude(sector="")
    )
    # Not limited to ``root``: sector organisations are mostly anchored to no area; scope alone bounds them.
    below = list(
        orgs_within(user, None).exclude(kind=OrgKind.SECTOR_COMMITTEE).values_list("path", "setup_mode")
    )
    modes = dict(SetupMode.choices)
    counts: dict[str, Counter] = {}
    for path, mode in below:
        # The nearest sector committee above the organisation gives its sector.
        above = [c for c in committees if path.startswith(c.path)]
        if above:
            sector = max(above, key=lambda c: len(c.path)).sector
            counts.setdefault(sector, Counter())[mode or ""] += 1
    rows = []
    for value, label in Sector.choices:
        by_mode = counts.get(value)
        if by_mode is None:
            continue
        note = "、".join(
            f"{modes.get(mode, _('not recorded'))} {n}"
            for mode, n in sorted(by_mode.items(), key=lambda i: i[0] or "~")
        )
        rows.append(Row(label, sum(by_mode.values()), note))
    return rows


def four_roles(*, user, root=None):
    posts = posts_within(user, root).filter(role__in=FOUR_ROLES)
    by_role = Counter(posts.values_list("role", flat=True))
    rows = [Row(Role(r).label, by_role[r]) for r in FOUR_ROLES]
    rows.append(Row(_("distinct people"), posts.values("person_id").distinct().count()))
    return rows


def territory_figures_more(*, user, root=None):
    captains, workers = staff_by_area(user=user, root=root)
    return [
        (_("Areas by level"), areas_by_level(user=user, root=root)),
        (_("Building and unit captains by area"), captains),
        (_("Two-new organisations by sector and set-up mode"), two_new_by_sector(user=user, root=root)),
        (_("Community workers and grid workers by area"), workers),
        (
            _("Community workers and grid workers by appointment year"),
            workers_by_period(user=user, root=root),
        ),
        (_("Owners' committees"), owners_committees(user=user, root=root)),
        (_("Four roles of new-employment workers"), four_roles(user=user, root=root)),
    ]
