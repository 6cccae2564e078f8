"""More territory figures (added to ``organisation.territory_figures``, so the figures page, the dashboard's
organisation panel and the API show them alike): cluster populations (P000-02), staff sent down by role
(P000-33), key property companies (P000-39), property companies without a party organisation (P000-40),
coverage by field (P000-50), new-employment organisations founded in a period (P000-52) and fallback
property management by estate type (P004-29). All computed, never typed in, within the user's scope."""

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area, EstateType, Level, PropertyMode
from lianxin.areas.services import cluster_size_warning
from lianxin.core.paths import ancestor_path, path_depth
from lianxin.core.scope import under
from lianxin.party.figures.organisation import (
    TWO_COMMITTEE_ROLES,
    Row,
    areas_within,
    orgs_within,
    posts_within,
    within,
)
from lianxin.party.models import Field, Membership, MembershipKind, OrgKind, PartyOrg, Sector
from lianxin.people.models import EstateService, Organisation, OrganisationKind, Person
from lianxin.people.roles import Role

NEW_EMPLOYMENT_SECTORS = [Sector.EXPRESS, Sector.FOOD_DELIVERY, Sector.ROAD_TRANSPORT, Sector.LIVE_ECOMMERCE]
FALLBACK_MODES = [PropertyMode.PURCHASED, PropertyMode.STREET_SOE, PropertyMode.COUNTY_SOE]


def cluster_populations(*, user, root=None) -> list[Row]:
    """Each demonstration cluster's population: the residents recorded in its villages' households."""
    from lianxin.areas.selectors import area_population

    rows = []
    for cluster in areas_within(user, root).filter(level=Level.CLUSTER).order_by("path"):
        population = area_population(user=user, area=cluster)
        rows.append(Row(cluster.name, population, cluster_size_warning(cluster=cluster)))
    return rows


def sent_down_by_role(*, user, root=None) -> list[Row]:
    """Distinct persons holding a post over an estate, by role (两委成员, 社区工作者, 网格员 …)."""
    estate_posts = posts_within(user, root).filter(area__level=Level.ESTATE)
    counts = dict(
        estate_posts.filter(
            Q(is_sent_down=True) | Q(role__in=TWO_COMMITTEE_ROLES + [Role.COMMUNITY_WORKER, Role.GRID_WORKER])
        )
        .values_list("role")
        .annotate(n=Count("person", distinct=True))
    )
    return [Row(Role(role).label, n) for role, n in sorted(counts.items()) if n]


def _companies(user, root):
    return within(Organisation.objects.restrict(user), "area_path", root).filter(
        kind=OrganisationKind.PROPERTY_COMPANY
    )


def _served_estates(company_ids) -> dict[int, list[str]]:
    served: dict[int, list[str]] = {}
    rows = EstateService.objects.filter(company_id__in=company_ids, service_end__isnull=True).values_list(
        "company_id", "estate__name"
    )
    for company_id, name in rows.order_by("estate__path"):
        served.setdefault(company_id, []).append(name)
    return served


def key_property_companies(*, user, root=None) -> list[Row]:
    """The key property companies the property sector committee guides directly, each with its party
    organisations (and how they were built), the estates it manages and its contact."""
    companies = list(_companies(user, root).filter(is_key_company=True).prefetch_related("party_orgs"))
    served = _served_estates([c.pk for c in companies])
    rows = []
    for c in companies:
        orgs = "、".join(
            f"{o.name}（{o.get_setup_mode_display()}）" if o.setup_mode else o.name
            for o in c.party_orgs.all()
        )
        estates = "、".join(served.get(c.pk, [])) or "—"
        rows.append(
            Row(
                c.name,
                orgs or _("no party organisation"),
                _("estates: %(estates)s; contact: %(contact)s")
                % {"estates": estates, "contact": c.contact or "—"},
            )
        )
    return rows


def property_company_coverage(*, user, root=None) -> list[Row]:
    """Property companies by how their party organisation was built (singly, jointly …) and the companies
    still without one (P000-40)."""
    companies = _companies(user, root)
    rows = []
    modes = dict(
        PartyOrg.objects.filter(organisations__in=companies)
        .order_by()
        .values_list("setup_mode")
        .annotate(n=Count("organisations", distinct=True))
    )
    for value, label in [*PartyOrg._meta.get_field("setup_mode").choices, ("", _("not recorded"))]:
        if modes.get(value):
            rows.append(Row(_("covered, %(mode)s") % {"mode": label}, modes[value]))
    uncovered = companies.filter(party_orgs__isnull=True).order_by("name")
    names = list(uncovered.values_list("name", flat=True)[:30])
    rows.append(
        Row(_("property companies without a party organisation"), uncovered.count(), "、".join(names))
    )
    return rows


def coverage_by_field(*, user, root=None) -> list[Row]:
    """Per field: organisations, members and what they cover — estates with a branch (community), villages
    with an organisation (rural), employer units with an organisation (two-new)."""
    orgs = orgs_within(user, root)
    members = (
        Membership.objects.restrict(user)
        .current()
        .filter(is_home=True)
        .exclude(kind=MembershipKind.APPLICANT)
    )
    member_counts = dict(within(members, "area_path", root).values_list("org__field").annotate(n=Count("id")))
    org_counts = dict(orgs.order_by().values_list("field").annotate(n=Count("id")))
    areas = areas_within(user, root)

    def share(covered: int, total: int) -> str:
        return f"{covered}/{total}（{round(100 * covered / total, 1)}%）" if total else "—"

    estates = areas.filter(level=Level.ESTATE)
    villages = areas.filter(level=Level.VILLAGE)
    employers = within(Organisation.objects.restrict(user), "area_path", root).filter(
        kind=OrganisationKind.EMPLOYER
    )
    coverage = {
        Field.COMMUNITY: share(
            estates.filter(party_orgs__kind=OrgKind.BRANCH).distinct().count(), estates.count()
        ),
        Field.RURAL: share(villages.filter(party_orgs__isnull=False).distinct().count(), villages.count()),
        Field.TWO_NEW: share(
            employers.filter(party_orgs__isnull=False).distinct().count(), employers.count()
        ),
    }
    return [
        Row(
            label,
            _("%(orgs)d organisations, %(members)d members")
            % {"orgs": org_counts.get(value, 0), "members": member_counts.get(value, 0)},
            _("covered: %(share)s") % {"share": coverage[value]} if value in coverage else "",
        )
        for value, label in Field.choices
        if org_counts.get(value) or member_counts.get(value) or value in coverage
    ]


def period_default(since: date | None, until: date | None) -> tuple[date, date]:
    today = timezone.localdate()
    return since or date(today.year, 1, 1), until or today


def new_employment_orgs(
    *, user, root=None, since: date | None = None, until: date | None = None
) -> list[Row]:
    """Party organisations founded in the period under the express, food-delivery, road-transport and
    live-e-commerce sector committees (couriers, riders, drivers, live-streamers), per sector (P000-52)."""
    since, until = period_default(since, until)
    committees = PartyOrg.objects.restrict(user).filter(
        kind=OrgKind.SECTOR_COMMITTEE, sector__in=NEW_EMPLOYMENT_SECTORS
    )
    if root is not None:
        committees = committees.filter(under("area_path", root.path))
    rows = []
    period = f"{since.isoformat()}—{until.isoformat()}"
    for sector in NEW_EMPLOYMENT_SECTORS:
        paths = list(committees.filter(sector=sector).values_list("path", flat=True))
        founded = PartyOrg.objects.restrict(user).none()
        condition = Q()
        for path in paths:
            condition |= under("path", path)
        if paths:
            founded = (
                PartyOrg.objects.restrict(user)
                .filter(condition, founded_on__gte=since, founded_on__lte=until)
                .exclude(path__in=paths)
            )
        rows.append(Row(Sector(sector).label, founded.count(), period))
    return rows


def fallback_by_estate_type(*, user, root=None) -> list[Row]:
    """Fallback-managed estates (government purchase, street or county state-owned company) by estate type,
    and the estates with no property service at all (P004-29)."""
    estates = areas_within(user, root).filter(level=Level.ESTATE)
    counts = dict(
        estates.filter(property_mode__in=FALLBACK_MODES)
        .order_by()
        .values_list("estate_type")
        .annotate(n=Count("id"))
    )
    rows = [
        Row(_("fallback-managed: %(type)s") % {"type": label}, counts.get(value, 0))
        for value, label in EstateType.choices
    ]
    served = EstateService.objects.filter(service_end__isnull=True).values("estate_id")
    none = estates.filter(
        Q(property_mode=PropertyMode.NONE) | (~Q(pk__in=served) & Q(property_mode=""))
    ).order_by("path")
    rows.append(
        Row(
            _("estates with no property service"),
            none.count(),
            "、".join(none.values_list("name", flat=True)[:30]),
        )
    )
    return rows


def party_member_couriers(*, user, root=None) -> list[Row]:
    """Couriers and riders who are party members (full or probationary, current), by employer, with how
    many show the 党员 badge (亮身份, P004-32)."""
    couriers = within(Person.objects.restrict(user), "area_path", root).filter(
        tags__code__in=["courier", "rider"]
    )
    members = couriers.filter(
        memberships__start_date__lte=timezone.localdate(),
        memberships__end_date__isnull=True,
        memberships__kind__in=[MembershipKind.FULL, MembershipKind.PROBATIONARY],
    ).distinct()
    rows = []
    counts = members.values_list("employer__name").annotate(n=Count("id", distinct=True))
    badges = dict(
        members.filter(shows_party_badge=True)
        .values_list("employer__name")
        .annotate(n=Count("id", distinct=True))
    )
    for name, n in sorted(counts, key=lambda item: (-item[1], item[0] or "")):
        rows.append(
            Row(name or _("no employer recorded"), n, _("%(n)d show the badge") % {"n": badges.get(name, 0)})
        )
    return rows


COMMITTEE_POST_ROLES = [*TWO_COMMITTEE_ROLES, Role.PART_TIME_COMMITTEE_MEMBER]


def property_cross_appointments(*, user, root=None) -> list[Row]:
    """Two-way entry (双向进入、交叉任职, P000-41): persons holding a property-company post and a community
    committee post at the same time, per community and company (each person once per pair)."""
    posts = posts_within(user, root)
    company_posts = posts.filter(role=Role.PROPERTY_STAFF, organisation__isnull=False).values_list(
        "person_id", "organisation__name"
    )
    by_person: dict[int, set[str]] = {}
    for person_id, company in company_posts:
        by_person.setdefault(person_id, set()).add(company)
    committee_posts = (
        posts.filter(person_id__in=list(by_person), role__in=COMMITTEE_POST_ROLES)
        .filter(Q(area__level=Level.COMMUNITY) | Q(party_org__area__level=Level.COMMUNITY))
        .values_list("person_id", "area__name", "party_org__area__name")
    )
    pairs: dict[tuple[str, str], set[int]] = {}
    for person_id, area_name, org_area_name in committee_posts:
        for company in by_person[person_id]:
            pairs.setdefault((area_name or org_area_name, company), set()).add(person_id)
    # Named, so the list says who sits on both sides, not only how many.
    named = {p for people in pairs.values() for p in people}
    names = dict(Person.objects.filter(pk__in=named).values_list("pk", "name"))
    return [
        Row(f"{community} · {company}", len(people), "、".join(sorted(names[p] for p in people)))
        for (community, company), people in sorted(pairs.items())
    ]


def liaisons_by_area(*, user, root=None) -> list[Row]:
    """Rural liaisons (党群协理员) per area one level below ``root`` (below the user's top area without one),
    each person once, with the split by source (P002-29: "count them by source and area")."""
    from collections import defaultdict

    from lianxin.people.roles import PostSource

    top = root or Area.objects.restrict(user).live().order_by("depth", "path").first()
    if top is None:
        return []
    children = list(Area.objects.restrict(user).live().filter(under("path", top.path), depth=top.depth + 1))
    labels = dict(PostSource.choices)
    people: dict[str, set] = defaultdict(set)
    sources: dict[str, dict] = defaultdict(lambda: defaultdict(set))
    for area_path, person_id, source in (
        posts_within(user, root).filter(role=Role.LIAISON).values_list("area_path", "person_id", "source")
    ):
        # A liaison posted on the top area itself (a village looked at alone) counts under it.
        key = ancestor_path(area_path, top.depth + 1) if path_depth(area_path) > top.depth else top.path
        people[key].add(person_id)
        sources[key][source].add(person_id)
    rows = []
    for child in [top, *sorted(children, key=lambda a: a.path)]:
        if child.path not in people:
            continue
        split = sources[child.path]
        note = "、".join(
            f"{labels.get(value, _('not recorded')) if value else _('not recorded')} {len(ids)}"
            for value, ids in sorted(split.items(), key=lambda item: -len(item[1]))
        )
        rows.append(Row(child.name, len(people[child.path]), note))
    return rows


def territory_figures_more(*, user, root=None, since=None, until=None) -> list[tuple[str, list[Row]]]:
    return [
        (_("Cluster population"), cluster_populations(user=user, root=root)),
        (_("Liaisons by area and source"), liaisons_by_area(user=user, root=root)),
        (_("Staff posted to estates, by role"), sent_down_by_role(user=user, root=root)),
        (_("Party organisations by field, with coverage"), coverage_by_field(user=user, root=root)),
        (_("Key property companies"), key_property_companies(user=user, root=root)),
        (_("Party organisations of property companies"), property_company_coverage(user=user, root=root)),
        (
            _("New-employment organisations founded in the period"),
            new_employment_orgs(user=user, root=root, since=since, until=until),
        ),
        (_("Fallback property management by estate type"), fallback_by_estate_type(user=user, root=root)),
        (_("Party-member couriers and riders by company"), party_member_couriers(user=user, root=root)),
        (
            _("Cross-appointments between property companies and community committees"),
            property_cross_appointments(user=user, root=root),
        ),
    ]


__all__ = ["Area", "territory_figures_more"]
