"""Party members: a person already recorded (found by ID number) whom the user sees joins a party
organisation the user may change, through the enrolment page's service. Each member holds his
organisational relation in one organisation only."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.scope import CHANGE, VIEW
from lianxin.imports.specs.base import ID_NUMBER, Column, Context, Row, Spec, choice_labels
from lianxin.party.models import Membership, MembershipKind, PartyOrg
from lianxin.party.services.orgs import membership_add


def _org(row: Row, ctx: Context) -> PartyOrg | None:
    name = row.text("org_name", max_length=100)
    number = row.integer("org_id", minimum=1)
    if not name and number is None:
        if not row.raw("org_id"):
            row.error("org_name", _("fill in the party organisation's name or number"))
        return None
    orgs = PartyOrg.objects.restrict(ctx.actor, CHANGE)
    if number is not None:
        org = orgs.filter(pk=number).first()
        if org is None:
            row.error(
                "org_id",
                _("no party organisation you may change has the number %(number)s") % {"number": number},
            )
        elif name and org.name != name:
            row.error(
                "org_name",
                _("party organisation %(number)s is called %(name)s") % {"number": number, "name": org.name},
            )
        return org
    area = ctx.area(row, "org_area_code")
    if row.raw("org_area_code") and area is None:
        return None
    orgs = orgs.filter(name=name)
    if area is not None:
        orgs = orgs.filter(area=area)
    found = list(orgs[:2])
    if not found:
        row.error("org_name", _("no party organisation you may change is called %(name)s") % {"name": name})
        return None
    if len(found) > 1:
        row.error(
            "org_name",
            _("several party organisations are called %(name)s; fill in the area code or the number")
            % {"name": name},
        )
        return None
    return found[0]


def write(row: Row, ctx: Context) -> str:
    id_number = row.id_number("id_number", required=True)
    name = row.text("name", max_length=50)
    org = _org(row, ctx)
    kind = row.choice("kind", MembershipKind, default=MembershipKind.FULL)
    joined_on = row.date("joined_on", not_after_today=True)
    is_home = row.boolean("is_home", default=True)
    is_mobile = row.boolean("is_mobile", default=False)
    work_place = row.text("work_place", max_length=100)
    row.check()

    person = ctx.person_recorded(id_number)
    if person is None:
        row.error(
            "id_number",
            _("no person has the ID number %(value)s; import him as a person first")
            % {"value": row.shown("id_number")},
        )
        row.check()
    # The same person the enrolment page may choose (``membership_add``: one the user sees); a member
    # recorded elsewhere is enrolled by those over his record.
    if not ctx.person_in_scope(row, "id_number", person, VIEW):
        row.check()
    if name and person.name != name:
        row.error("name", _("does not match the name recorded for this ID number"))
    current = Membership.objects.current().filter(person=person)
    if current.filter(org=org).exists():
        row.error("org_name", _("this person is already a member of %(org)s") % {"org": org.name})
    elif is_home and current.filter(is_home=True).exists():
        row.error(
            "is_home",
            _("this person's organisational relation is held in another organisation; transfer it first"),
        )
    row.check()
    # The enrolment page's service, with its rights check: the row is refused with its reason otherwise.
    membership_add(
        actor=ctx.actor,
        person=person,
        org=org,
        kind=kind,
        is_home=is_home,
        is_mobile=is_mobile,
        work_place=work_place,
        joined_on=joined_on,
        start_date=ctx.today,
    )
    return _("%(name)s joins %(org)s as %(kind)s") % {
        "name": name or person.name,
        "org": org.name,
        "kind": MembershipKind(kind).label,
    }


SPEC = Spec(
    kind="members",
    label=gettext_lazy("Party members"),
    columns=(
        Column(
            "id_number",
            gettext_lazy("ID number"),
            required=True,
            text=True,
            personal=ID_NUMBER,
            width=22,
            example="379901198503150013",
            help=gettext_lazy("The person must already be recorded (import persons first)."),
        ),
        Column(
            "name",
            gettext_lazy("Full name"),
            example="张三",
            width=12,
            help=gettext_lazy("Checked against the ID number."),
        ),
        Column(
            "org_name",
            gettext_lazy("Party organisation"),
            width=24,
            example="幸福里小区党支部",
            help=gettext_lazy("The name of a party organisation you may change. Fill in this or its number."),
        ),
        Column(
            "org_area_code",
            gettext_lazy("Party organisation area code"),
            text=True,
            width=22,
            help=gettext_lazy("The area the organisation is anchored to, when several share the name."),
        ),
        Column("org_id", gettext_lazy("Party organisation number"), text=True, width=12),
        Column(
            "kind",
            gettext_lazy("Member type"),
            example=MembershipKind.FULL.label,
            choices=lambda: choice_labels(MembershipKind),
            help=gettext_lazy("A full member when left empty."),
        ),
        Column("joined_on", gettext_lazy("Joined the party on"), example="2010-07-01"),
        Column(
            "is_home",
            gettext_lazy("Organisational relation held here"),
            choices=lambda: [_("Yes"), _("No")],
            help=gettext_lazy("Yes when left empty. No for an enrolment beside the home organisation."),
            width=12,
        ),
        Column(
            "is_mobile",
            gettext_lazy("Mobile member"),
            choices=lambda: [_("Yes"), _("No")],
            example="",
            width=10,
        ),
        Column("work_place", gettext_lazy("Place of work away from home"), width=20),
    ),
    write=write,
    field_columns={"person": "id_number", "kind": "kind", "is_home": "is_home"},
)
