"""Organisation and staffing figures of the territory, computed from posts, memberships and places —
never typed in — for any area the user may see. The dashboard issue shows them beside the case figures.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area, EstateType, Level, Place, PlaceStatus, PropertyMode
from lianxin.core.scope import under
from lianxin.party.models import (
    Field,
    MemberHousehold,
    Membership,
    MembershipKind,
    OrgKind,
    PartyOrg,
    Sector,
    SetupMode,
)
from lianxin.people.models import EstateService, Organisation, OrganisationKind, Ownership, Post
from lianxin.people.roles import PostSource, Role
from lianxin.rollups.tables import Row, territory_tables_compute

TWO_COMMITTEE_ROLES = [Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.COMMITTEE_MEMBER]
COMMUNITY_LEVEL_HEADCOUNT = (3, 5)  # P004-42: each community keeps 3–5 staff, the rest go down to estates


def within(queryset, field: str, root: Area | None):
    return queryset.filter(under(field, root.path)) if root is not None else queryset


def posts_within(user, root):
    return within(Post.objects.restrict(user).current(), "area_path", root)


def areas_within(user, root):
    return within(Area.objects.restrict(user).live(), "path", root)


def orgs_within(user, root):
    return within(PartyOrg.objects.restrict(user), "area_path", root)


def five_level_chain(*, user, root=None) -> list[Row]:
    """Counts at each level of street working committee → community committee → estate branch → building
    group → member household (P004-20, P003-03)."""
    orgs = orgs_within(user, root)
    return [
        Row(_("street working committees"), orgs.filter(kind=OrgKind.WORKING_COMMITTEE).count()),
        Row(
            _("community party committees"),
            orgs.filter(kind=OrgKind.COMMITTEE, area__level=Level.COMMUNITY).count(),
        ),
        Row(_("estate party branches"), orgs.filter(kind=OrgKind.BRANCH, area__level=Level.ESTATE).count()),
        Row(_("building party groups"), orgs.filter(kind=OrgKind.GROUP).count()),
        Row(
            _("member households"), within(MemberHousehold.objects.restrict(user), "area_path", root).count()
        ),
    ]


def orgs_by_field(*, user, root=None) -> list[Row]:
    """Party organisations and members per field (P000-50, P001-40)."""
    orgs = orgs_within(user, root)
    org_counts = dict(orgs.order_by().values_list("field").annotate(n=Count("id")))
    members = (
        Membership.objects.restrict(user)
        .current()
        .filter(is_home=True)
        .exclude(kind=MembershipKind.APPLICANT)
    )
    member_counts = dict(within(members, "area_path", root).values_list("org__field").annotate(n=Count("id")))
    return [
        Row(
            label,
            org_counts.get(value, 0),
            _("%(n)d members") % {"n": member_counts.get(value, 0)},
            _party_list_url("field", value, root),
        )
        for value, label in Field.choices
        if org_counts.get(value) or member_counts.get(value)
    ]


def _party_list_url(name: str, value: str, root) -> str:
    area = f"&area={root.pk}" if root is not None else ""
    return f"{reverse('party:index')}?{name}={value}{area}"


def orgs_by_setup_mode(*, user, root=None) -> list[Row]:
    counts = dict(
        orgs_within(user, root)
        .exclude(setup_mode="")
        .order_by()
        .values_list("setup_mode")
        .annotate(n=Count("id"))
    )
    return [
        Row(label, counts.get(value, 0), url=_party_list_url("setup_mode", value, root))
        for value, label in SetupMode.choices
    ]


def sector_committee_gaps(*, user, root=None) -> list[Row]:
    """Per city and county, the sector committees it lacks among express, food delivery, road transport and
    live e-commerce (P000-51, P003-16): both levels must have all four."""
    counties = areas_within(user, root).filter(level__in=[Level.CITY, Level.COUNTY]).order_by("path")
    wanted = [Sector.EXPRESS, Sector.FOOD_DELIVERY, Sector.ROAD_TRANSPORT, Sector.LIVE_ECOMMERCE]
    present = defaultdict(set)
    for area_id, sector in PartyOrg.objects.filter(
        kind=OrgKind.SECTOR_COMMITTEE, area__in=counties
    ).values_list("area_id", "sector"):
        present[area_id].add(sector)
    rows = []
    for county in counties:
        missing = [Sector(s).label for s in wanted if s not in present[county.pk]]
        rows.append(Row(county.name, _("complete") if not missing else "、".join(str(m) for m in missing)))
    return rows


def staffing(*, user, root=None) -> list[Row]:
    """People holding posts, by role: distinct persons, not posts (P001-24, P001-25, P004-12, P002-58)."""
    counts = dict(posts_within(user, root).values_list("role").annotate(n=Count("person", distinct=True)))
    roles = [
        Role.COMMUNITY_WORKER,
        Role.GRID_WORKER,
        Role.BUILDING_CAPTAIN,
        Role.UNIT_CAPTAIN,
        Role.LIAISON,
        Role.PART_TIME_GRID_WORKER,
        Role.VOLUNTEER,
    ]
    return [Row(Role(r).label, counts.get(r, 0)) for r in roles]


def sent_down(*, user, root=None) -> list[Row]:
    """People posted to estates, by role group: two-committee members and the others (P000-33, P004-43)."""
    estate_posts = (
        posts_within(user, root)
        .filter(area__level=Level.ESTATE)
        .filter(
            Q(is_sent_down=True) | Q(role__in=TWO_COMMITTEE_ROLES + [Role.COMMUNITY_WORKER, Role.GRID_WORKER])
        )
    )
    committee = estate_posts.filter(role__in=TWO_COMMITTEE_ROLES).values("person").distinct().count()
    others = estate_posts.exclude(role__in=TWO_COMMITTEE_ROLES).values("person").distinct().count()
    return [
        Row(_("two-committee members posted to estates"), committee),
        Row(_("full-time workers and grid workers posted to estates"), others),
    ]


def community_headcount_warnings(*, user, root=None) -> list[Row]:
    """Communities whose community-level staff is outside 3–5 (P004-42)."""
    low, high = COMMUNITY_LEVEL_HEADCOUNT
    communities = areas_within(user, root).filter(level=Level.COMMUNITY)
    counts = dict(
        Post.objects.current()
        .filter(area__in=communities, role__in=[Role.COMMUNITY_WORKER] + TWO_COMMITTEE_ROLES)
        .values_list("area_id")
        .annotate(n=Count("person", distinct=True))
    )
    return [
        Row(
            c.name,
            counts.get(c.pk, 0),
            _("keep %(low)d–%(high)d at community level") % {"low": low, "high": high},
        )
        for c in communities
        if not low <= counts.get(c.pk, 0) <= high
    ]


def by_source(*, user, root=None, role: str) -> list[Row]:
    """Post holders of a role by where they were drawn from (P001-23 secretaries, P002-29 liaisons)."""
    counts = dict(
        posts_within(user, root)
        .filter(role=role)
        .values_list("source")
        .annotate(n=Count("person", distinct=True))
    )
    rows = [Row(label, counts[value]) for value, label in PostSource.choices if counts.get(value)]
    if counts.get(""):
        rows.append(Row(_("not recorded"), counts[""]))
    return rows


def cross_appointments(*, user, root=None) -> list[Row]:
    """Persons holding a post in an estate's branch and in the same estate's owners' committee, each
    counted once (P004-09)."""
    posts = posts_within(user, root)
    branch_posts = posts.filter(
        party_org__kind=OrgKind.BRANCH, party_org__area__level=Level.ESTATE
    ).values_list("person_id", "party_org__area_id")
    committee_posts = set(
        posts.filter(organisation__kind=OrganisationKind.OWNERS_COMMITTEE).values_list(
            "person_id", "organisation__estate_id"
        )
    )
    people = {person for person, estate in branch_posts if (person, estate) in committee_posts}
    return [Row(_("people on both the estate branch and the owners' committee"), len(people))]


def mature_estates_without_joint_secretary(*, user, root=None) -> list[Row]:
    """Mature estates whose branch secretary does not also direct the owners' committee (P004-10)."""
    estates = areas_within(user, root).filter(level=Level.ESTATE, is_mature=True)
    secretaries = dict(
        Post.objects.current()
        .filter(role=Role.SECRETARY, party_org__area__in=estates, party_org__kind=OrgKind.BRANCH)
        .values_list("party_org__area_id", "person_id")
    )
    directors = dict(
        Post.objects.current()
        .filter(role=Role.OWNERS_COMMITTEE_DIRECTOR, organisation__estate__in=estates)
        .values_list("organisation__estate_id", "person_id")
    )
    return [
        Row(e.name, _("no branch secretary") if e.pk not in secretaries else _("different people"))
        for e in estates
        if e.pk not in secretaries or secretaries[e.pk] != directors.get(e.pk)
    ]


def property_management(*, user, root=None) -> list[Row]:
    """Estates by property mode and type, fallback-managed old estates, estates with no property service
    (P004-29, P001-33), and property companies with a party organisation (P000-40)."""
    estates = areas_within(user, root).filter(level=Level.ESTATE)
    by_mode = Counter(estates.values_list("property_mode", flat=True))
    rows = [Row(label, by_mode.get(value, 0)) for value, label in PropertyMode.choices]
    old = estates.filter(estate_type=EstateType.OLD)
    served_by_soe = (
        EstateService.objects.filter(
            estate__in=old,
            company__ownership__in=[Ownership.COUNTY_SOE, Ownership.STREET_SOE],
            service_end__isnull=True,
        )
        .values("estate")
        .distinct()
        .count()
    )
    served = (
        EstateService.objects.filter(estate__in=old, service_end__isnull=True)
        .values("estate")
        .distinct()
        .count()
    )
    rows += [
        Row(_("old estates served by state-owned companies"), served_by_soe),
        Row(_("old estates with no property company"), old.count() - served),
    ]
    companies = within(Organisation.objects.restrict(user), "area_path", root).filter(
        kind=OrganisationKind.PROPERTY_COMPANY
    )
    covered = companies.filter(party_orgs__isnull=False).distinct().count()
    total = companies.count()
    rows.append(
        Row(
            _("property companies with a party organisation"),
            f"{covered}/{total}",
            f"{round(100 * covered / total, 1)}%" if total else "",
        )
    )
    return rows


def plaques(*, user, root=None) -> list[Row]:
    """Estates whose branch and owners' committee have a plaque and operate physically (P004-07)."""
    estates = areas_within(user, root).filter(level=Level.ESTATE)
    branch = set(
        PartyOrg.objects.filter(kind=OrgKind.BRANCH, area__in=estates, has_plaque=True).values_list(
            "area_id", flat=True
        )
    )
    committee = set(
        Organisation.objects.filter(
            kind=OrganisationKind.OWNERS_COMMITTEE, estate__in=estates, has_plaque=True
        ).values_list("estate_id", flat=True)
    )
    return [
        Row(_("estates whose branch has a plaque and operates physically"), len(branch)),
        Row(_("estates whose owners' committee has a plaque and operates physically"), len(committee)),
        Row(_("estates with both"), len(branch & committee)),
    ]


def places(*, user, root=None) -> list[Row]:
    """Places by designation and distinct places (P003-25), centres by status with floor area (P001-53),
    and opened centres lacking a one-stop hall or staggered hours (P001-55)."""
    scoped = within(Place.objects.restrict(user), "area_path", root)
    rows = [
        Row(name, n)
        for name, n in scoped.values_list("designations__name").annotate(n=Count("id")).order_by("-n")
        if name
    ]
    rows.append(Row(_("distinct places"), scoped.count()))
    centres = scoped.filter(designations__code="service_centre").distinct()
    for value, label in PlaceStatus.choices:
        group = centres.filter(status=value)
        area = sum((p.floor_area or 0) for p in group)
        rows.append(Row(_("service centres: %(status)s") % {"status": label}, group.count(), f"{area} m²"))
    lacking = centres.filter(status=PlaceStatus.OPEN).filter(
        Q(has_one_stop_hall=False) | Q(staggered_hours=False)
    )
    rows.append(
        Row(
            _("open centres without a one-stop hall or staggered hours"),
            lacking.count(),
            "、".join(lacking.values_list("name", flat=True)[:10]),
        )
    )
    return rows


def territory_figures(
    *, user, root=None, since=None, until=None, exclude_group: str | None = None
) -> list[tuple[str, list[Row]]]:
    """Every table of the figures page: the party's own, then those other apps registered
    (``rollups.tables``), leaving out the registered group ``exclude_group`` (the dashboard's organisation
    panel leaves the services tables to the 服务与志愿 panel)."""
    from lianxin.party.figures.territory import territory_figures_more

    return [
        (_("Five-level organisation chain"), five_level_chain(user=user, root=root)),
        (_("Party organisations by field"), orgs_by_field(user=user, root=root)),
        (_("Party organisations by set-up mode"), orgs_by_setup_mode(user=user, root=root)),
        (_("Sector committees per city and county"), sector_committee_gaps(user=user, root=root)),
        (_("People holding posts"), staffing(user=user, root=root)),
        (_("Staff sent down to estates"), sent_down(user=user, root=root)),
        (
            _("Communities with community-level staff outside 3–5"),
            community_headcount_warnings(user=user, root=root),
        ),
        (_("Secretaries by source"), by_source(user=user, root=root, role=Role.SECRETARY)),
        (_("Liaisons by source"), by_source(user=user, root=root, role=Role.LIAISON)),
        (_("Cross-appointments"), cross_appointments(user=user, root=root)),
        (
            _("Mature estates whose branch secretary is not the owners' committee director"),
            mature_estates_without_joint_secretary(user=user, root=root),
        ),
        (_("Property management"), property_management(user=user, root=root)),
        (_("Plaques and physical operation"), plaques(user=user, root=root)),
        (_("Service places"), places(user=user, root=root)),
        *territory_figures_more(user=user, root=root, since=since, until=until),
        *_more(user=user, root=root),
        *_territory_figures_sector_work(user=user, root=root),
        # The tables other apps declare (services, volunteering, points, alliance lists …), in their order.
        *territory_tables_compute(user=user, root=root, since=since, until=until, exclude=exclude_group),
    ]


# -- sector work (P003-17, P003-19, P003-23, P003-48) ---------------------------------------------------


def mobile_members(*, user, root=None) -> list[Row]:
    """Mobile branches and the mobile members enrolled there while their organisational relation stays
    at home; every member counted once (P003-17)."""
    orgs = orgs_within(user, root)
    branches = orgs.filter(kind=OrgKind.MOBILE_BRANCH)
    current = (
        Membership.objects.restrict(user)
        .current()
        .filter(kind__in=[MembershipKind.FULL, MembershipKind.PROBATIONARY])
    )
    enrolled = set(current.filter(org__in=branches).values_list("person_id", flat=True))
    homed_elsewhere = set(
        current.filter(person_id__in=enrolled, is_home=True)
        .exclude(org__in=branches)
        .values_list("person_id", flat=True)
    )
    members = set(within(current, "area_path", root).values_list("person_id", flat=True)) | enrolled
    return [
        Row(_("mobile party branches"), branches.count()),
        Row(_("mobile members enrolled in them"), len(enrolled)),
        Row(_("of whom the organisational relation stays in a home branch"), len(homed_elsewhere)),
        Row(_("members in all, each counted once"), len(members)),
    ]


def applicants_by_tag(*, user, root=None) -> list[Row]:
    """Persons who applied to join the party (入党申请人), by group tag: couriers, riders … (P003-19)."""
    applicants = within(
        Membership.objects.restrict(user).current().filter(kind=MembershipKind.APPLICANT), "area_path", root
    )
    counts = dict(
        applicants.exclude(person__tags__isnull=True)
        .values_list("person__tags__name")
        .annotate(n=Count("person", distinct=True))
    )
    rows = [Row(name, n) for name, n in sorted(counts.items(), key=lambda item: -item[1])]
    rows.append(Row(_("applicants in all"), applicants.values("person").distinct().count()))
    return rows


def rest_stations_per_area(*, user, root=None) -> list[Row]:
    """Rest stations (暖心驿站, 红帆驿站, 户外劳动者驿站) per area one level below ``root`` (or per street and
    township), with the service centre each belongs to (P003-23)."""
    stations = within(Place.objects.restrict(user), "area_path", root).filter(
        designations__code__startswith="rest_"
    )
    stations = stations.distinct()
    if root is not None:
        parts = areas_within(user, root).filter(depth=root.depth + 1)
    else:
        parts = areas_within(user, None).filter(level__in=[Level.COUNTY])
    rows = []
    for part in parts.order_by("path"):
        n = stations.filter(under("area_path", part.path)).count()
        rows.append(Row(part.name, n))
    unattached = stations.filter(parent_place__isnull=True).count()
    rows.append(Row(_("rest stations not attached to a service centre"), unattached))
    return rows


def education_bases(*, user, root=None) -> list[Row]:
    """Party-spirit education bases by batch and by theme (P003-48)."""
    bases = list(
        within(Place.objects.restrict(user), "area_path", root)
        .filter(designations__code="education_base")
        .distinct()
    )
    by_batch = Counter(b.batch or str(_("no batch")) for b in bases)
    by_theme = Counter(t.strip() for b in bases for t in b.themes.replace(",", "、").split("、") if t.strip())
    return (
        [Row(_("batch: %(batch)s") % {"batch": batch}, n) for batch, n in sorted(by_batch.items())]
        + [Row(_("theme: %(theme)s") % {"theme": theme}, n) for theme, n in sorted(by_theme.items())]
        + [Row(_("education bases in all"), len(bases))]
    )


def couriers_per_area(*, user, root=None) -> list[Row]:
    """Couriers (tagged 快递从业人员) per area one level below ``root`` (or per county), with how many were
    registered each year (P003-13)."""
    from lianxin.people.models import Person

    couriers = (
        within(Person.objects.restrict(user), "area_path", root).filter(tags__code="courier").distinct()
    )
    rows_by_person = list(couriers.values_list("area_path", "courier_record__registered_on", "created_at"))
    parts = (
        areas_within(user, root).filter(depth=root.depth + 1)
        if root is not None
        else areas_within(user, None).filter(level=Level.COUNTY)
    )
    rows = []
    for part in parts.order_by("path"):
        years = Counter(
            (registered or created.date()).year
            for path, registered, created in rows_by_person
            if path.startswith(part.path)
        )
        total = sum(years.values())
        note = " · ".join(f"{year}: {n}" for year, n in sorted(years.items()))
        rows.append(Row(part.name, total, note))
    return rows


def instructors_per_sector(*, user, root=None) -> list[Row]:
    """Distinct party-building instructors per sector, the sector being that of the sector committee the
    instructed organisation sits under (P003-18)."""
    committees = {
        path: sector
        for path, sector in PartyOrg.objects.filter(kind=OrgKind.SECTOR_COMMITTEE).values_list(
            "path", "sector"
        )
    }
    posts = Post.objects.restrict(user).current().filter(role=Role.INSTRUCTOR, party_org__isnull=False)
    if root is not None:
        posts = posts.filter(under("party_org__area_path", root.path))
    people = defaultdict(set)
    for person_id, path, own_sector in posts.values_list("person_id", "party_org__path", "party_org__sector"):
        sector = own_sector or next(
            (committees[p] for p in sorted(committees, key=len, reverse=True) if path.startswith(p)), ""
        )
        people[sector].add(person_id)
    rows = [Row(label, len(people.get(value, ()))) for value, label in Sector.choices]
    if people.get(""):
        rows.append(Row(_("outside any sector"), len(people[""])))
    rows.append(Row(_("instructors in all"), len(set().union(*people.values())) if people else 0))
    return rows


def _territory_figures_sector_work(*, user, root=None):
    from lianxin.party.services.alliances import alliance_figures

    alliances = alliance_figures(user=user, root=root)
    alliance_rows = [
        Row(_("alliances"), alliances.alliances),
        Row(_("member enterprises (distinct)"), alliances.enterprises),
        Row(
            _("counties with no alliance"),
            len(alliances.counties_without),
            "、".join(c.name for c in alliances.counties_without),
        ),
    ] + [Row(f"{group} · {name}" if group else name, n) for group, name, n in alliances.by_category]
    return [
        (_("Couriers per area, by year registered"), couriers_per_area(user=user, root=root)),
        (_("Party-building instructors per sector"), instructors_per_sector(user=user, root=root)),
        (_("Mobile branches and mobile members"), mobile_members(user=user, root=root)),
        (_("Applicants to join the party by group"), applicants_by_tag(user=user, root=root)),
        (_("Rest stations per area"), rest_stations_per_area(user=user, root=root)),
        (_("Party-spirit education bases"), education_bases(user=user, root=root)),
        (_("Industry-chain alliances"), alliance_rows),
    ]


def _more(*, user, root=None):
    from lianxin.party.figures.staffing import territory_figures_more

    return territory_figures_more(user=user, root=root)
