"""More coverage sections of the territory (P001-18, P001-31, P001-43, P002-48), appended to the report by
``coverage.report.coverage_report``. Same rules as there: every query starts from the user's scope."""

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area, Level, Place
from lianxin.core.scope import under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind, Post
from lianxin.people.roles import Role, StaffingType

# A street's party-mass service hub keeps at least this many part-time staff (P002-48).
HUB_MIN_PART_TIME = getattr(settings, "LIANXIN_HUB_MIN_PART_TIME", 10)
PART_TIME_TYPES = (StaffingType.HIRED_PART_TIME, StaffingType.INVITED_PART_TIME)


def _area_url(area: Area) -> str:
    return reverse("areas:detail", args=[area.pk])


def _place_url(place: Place) -> str:
    return reverse("areas:place", args=[place.pk])


def territory_sections(*, user, root: Area | None, estates: list[Area], section_cls, line_cls) -> list:
    sections = []
    Section, Line = section_cls, line_cls  # noqa: N806

    # Estates with no branch of their own, whatever their members (P001-18: street → community → estate).
    with_branch = set(
        PartyOrg.objects.filter(kind=OrgKind.BRANCH, area__in=estates).values_list("area_id", flat=True)
    )
    section = Section(
        "estate_no_branch",
        _("Estates without a party branch"),
        _("The three-level structure: every estate has its own branch under the community committee."),
    )
    section.lines = [Line(e, _("no estate branch"), _area_url(e)) for e in estates if e.pk not in with_branch]
    sections.append(section)

    # Community committees with no part-time member (P001-43).
    committees = PartyOrg.objects.restrict(user).filter(kind=OrgKind.COMMITTEE, area__level=Level.COMMUNITY)
    if root is not None:
        committees = committees.filter(under("area_path", root.path))
    committees = list(committees.select_related("area").order_by("path"))
    holders = Post.objects.current().filter(role=Role.PART_TIME_COMMITTEE_MEMBER)
    with_part_time = set(holders.filter(party_org__in=committees).values_list("party_org_id", flat=True)) | {
        c.pk for c in committees if holders.filter(area_id=c.area_id).exists()
    }
    section = Section(
        "committee_part_time",
        _("Community committees without a part-time member"),
        _("Each community committee takes part-time members from dual-registration units and two-new units."),
    )
    section.lines = [
        Line(c, _("no part-time committee member"), reverse("party:detail", args=[c.pk]))
        for c in committees
        if c.pk not in with_part_time
    ]
    sections.append(section)

    # Property companies with no party organisation (P001-31).
    companies = Organisation.objects.restrict(user).filter(kind=OrganisationKind.PROPERTY_COMPANY)
    if root is not None:
        companies = companies.filter(
            under("area_path", root.path) | under("estate_services__estate__path", root.path)
        )
    companies = companies.annotate(orgs=Count("party_orgs")).filter(orgs=0).distinct().order_by("name")
    section = Section(
        "property_no_branch",
        _("Property companies without a party organisation"),
        _("Property companies set up a branch singly or jointly under the sector general branch."),
    )
    section.lines = [Line(c, _("no party branch covers this company"), "") for c in companies]
    sections.append(section)

    # Street hubs with too few part-time staff, and posts at places without duties (P002-48).
    places = Place.objects.restrict(user)
    if root is not None:
        places = places.filter(under("area_path", root.path))
    hubs = places.filter(designations__code="service_centre", area__level=Level.STREET).distinct()
    part_time = Q(staffing_type__in=PART_TIME_TYPES) | Q(staffing_type="", is_full_time=False)
    counts = dict(
        Post.objects.current()
        .filter(place__in=hubs)
        .filter(part_time)
        .values_list("place_id")
        .annotate(n=Count("id"))
    )
    section = Section(
        "hub_part_time",
        _("Hubs with fewer part-time staff than required"),
        _("Each street hub keeps at least %(n)d part-time staff.") % {"n": HUB_MIN_PART_TIME},
    )
    section.lines = [
        Line(h, _("%(n)d part-time staff") % {"n": counts.get(h.pk, 0)}, _place_url(h))
        for h in hubs.order_by("name")
        if counts.get(h.pk, 0) < HUB_MIN_PART_TIME
    ]
    sections.append(section)

    no_duties = (
        Post.objects.restrict(user)
        .current()
        .filter(place__in=places, duties="")
        .select_related("person", "place")
        .order_by("place_id", "id")
    )
    section = Section(
        "post_duties",
        _("Posts at places without a duty list"),
        _("One post per duty, one named person per post: each post carries its written duties."),
    )
    section.lines = [
        Line(
            p.person.name,
            _("%(role)s at %(place)s has no duties") % {"role": p.get_role_display(), "place": p.place.name},
            reverse("people:post_edit", args=[p.pk]),
        )
        for p in no_duties
    ]
    sections.append(section)
    return sections
