"""Volunteers through the imports app (kind ``volunteers``, registered from ready()): one row per person
already recorded in the importer's areas (found by ID number), registered at the community he lives in as a
resident or an employed party member, and approved at once by the importer — the same approval as the
registrations page (a volunteer post, a member's non-home membership). A person with an open registration
there is reported on the row, not registered twice."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.imports.specs.base import ID_NUMBER, Column, Context, Row, Spec, choice_labels
from lianxin.party.models import Membership
from lianxin.volunteering.models import RegistrantKind, VolunteerRegistration
from lianxin.volunteering.services import volunteer_registration_approve
from lianxin.volunteering.services.common import community_check, community_of
from lianxin.volunteering.services.registrations import MEMBER_KINDS, OPEN_STATUSES


def write(row: Row, ctx: Context) -> str:
    name = row.text("name", required=True, max_length=50)
    id_number = row.id_number("id_number", required=True)
    kind = row.choice("kind", RegistrantKind, default=RegistrantKind.RESIDENT)
    skills = row.text("skills", max_length=200)
    row.check()
    person = ctx.person_recorded(id_number)
    if person is None:
        row.error("id_number", _("no person is recorded with this ID number; record him first"))
        row.check()
    if not ctx.person_in_scope(row, "id_number", person):
        row.check()
    if person.name != name:
        row.error("name", _("does not match the name recorded for this ID number"))
        row.check()
    community = community_of(person)
    if community is None:
        row.error("id_number", _("his home is not recorded: record where he lives first"))
        row.check()
    community_check(community)
    home_org = None
    if kind == RegistrantKind.MEMBER:
        home = Membership.objects.current().filter(person=person, is_home=True, kind__in=MEMBER_KINDS).first()
        if home is None:
            row.error("kind", _("he is not a party member whose organisational relation is recorded"))
            row.check()
        home_org = home.org
    if VolunteerRegistration.objects.filter(
        person=person, community=community, status__in=OPEN_STATUSES
    ).exists():
        row.error("id_number", _("already registered at %(community)s") % {"community": community.name})
        row.check()
    registration = VolunteerRegistration.objects.create(
        person=person, kind=kind, community=community, home_org=home_org, skills=skills
    )
    volunteer_registration_approve(ctx.actor, registration=registration)
    return _("%(name)s registered and approved at %(community)s") % {
        "name": name,
        "community": community.name,
    }


SPEC = Spec(
    kind="volunteers",
    label=gettext_lazy("Volunteers"),
    columns=(
        Column("name", gettext_lazy("Full name"), required=True, example="刘建军", width=12),
        Column(
            "id_number",
            gettext_lazy("ID number"),
            required=True,
            text=True,
            personal=ID_NUMBER,
            width=22,
            help=gettext_lazy("A person already recorded in the areas you may change."),
        ),
        Column(
            "kind",
            gettext_lazy("Registers as"),
            example=str(RegistrantKind.RESIDENT.label),
            choices=lambda: choice_labels(RegistrantKind),
            help=gettext_lazy("A resident when left empty."),
            width=14,
        ),
        Column("skills", gettext_lazy("Skills"), example="理发、维修", width=20),
    ),
    write=write,
    field_columns={"community": "id_number", "kind": "kind"},
)


def register() -> None:
    from lianxin.imports.registry import import_spec_register

    import_spec_register(SPEC)
