"""Couriers for the register of new-employment workers (P003-13): one row per courier, with his employer,
depot and usual delivery area. A person already recorded (same ID number) in the user's areas is tagged and
given the details, one recorded elsewhere is refused (his record is changed where he is recorded); a new one
is recorded where he lives."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.imports.specs.base import ID_NUMBER, MOBILE, Column, Context, Row, Spec
from lianxin.party.models.couriers import CourierRecord
from lianxin.people.models import Organisation, OrganisationKind, Person, PersonTag


def write(row: Row, ctx: Context) -> str:
    name = row.text("name", required=True, max_length=50)
    mobile = row.mobile("mobile")
    id_number = row.id_number("id_number")
    area = ctx.area(row, "area_code")
    employer_name = row.text("employer", max_length=100)
    depot = row.text("depot", max_length=100)
    delivery_area = ctx.area(row, "delivery_area_code")
    registered_on = row.date("registered_on", not_after_today=True)
    employer = None
    if employer_name:
        # As on the post page: an employer the user may see.
        employer = (
            Organisation.objects.restrict(ctx.actor)
            .filter(kind=OrganisationKind.EMPLOYER, name=employer_name)
            .order_by("id")
            .first()
        )
        if employer is None:
            message = _("no organisation you may see is called %(name)s") % {"name": employer_name}
            row.error("employer", message)
    row.check()
    person = ctx.person_recorded(id_number)
    existing = person is not None
    # A courier recorded elsewhere keeps his employer and tag there: the row changes only persons its user
    # may change on the pages.
    if existing and not ctx.person_in_scope(row, "id_number", person):
        row.check()
    if existing and person.name != name:
        row.error("name", _("does not match the name recorded for this ID number"))
        row.check()
    if not existing:
        if area is None:
            row.error("area_code", _("fill in the area code"))
            row.check()
        person = Person(name=name)
        person.set_mobile(mobile)
        person.set_id_number(id_number)
        person.set_area(area)
    if employer is not None:
        person.employer = employer
    person.save()
    person.tags.add(PersonTag.objects.get(code="courier"))
    CourierRecord.objects.update_or_create(
        person=person,
        defaults={
            "depot": depot,
            "delivery_area": delivery_area,
            "registered_on": registered_on or ctx.today,
        },
    )
    if existing:
        return _("%(name)s (already recorded): courier details updated") % {"name": name}
    return _("New courier %(name)s") % {"name": name}


SPEC = Spec(
    kind="couriers",
    label=gettext_lazy("Couriers (new-employment workers)"),
    columns=(
        Column("name", gettext_lazy("Full name"), required=True, example="赵鹏", width=12),
        Column(
            "mobile",
            gettext_lazy("Mobile number"),
            text=True,
            personal=MOBILE,
            example="13912345678",
            width=16,
        ),
        Column(
            "id_number",
            gettext_lazy("ID number"),
            text=True,
            personal=ID_NUMBER,
            width=22,
            help=gettext_lazy(
                "A courier already recorded with this ID number in the areas you may change is tagged and "
                "given the details."
            ),
        ),
        Column(
            "area_code",
            gettext_lazy("Area code"),
            text=True,
            width=22,
            example="379901001001",
            help=gettext_lazy("Where a new courier lives or is registered."),
        ),
        Column("employer", gettext_lazy("Employer unit"), example="巨川顺达快递站", width=20),
        Column("depot", gettext_lazy("Depot"), example="人民路网点", width=16),
        Column(
            "delivery_area_code",
            gettext_lazy("Usual delivery area code"),
            text=True,
            width=22,
            help=gettext_lazy("The community or estate he usually delivers to."),
        ),
        Column("registered_on", gettext_lazy("Registered on"), help=gettext_lazy("Today when left empty.")),
    ),
    write=write,
)
