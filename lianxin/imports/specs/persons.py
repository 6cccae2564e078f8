"""Persons with their posts: one row per person and post. A person already recorded (same ID number) is
not changed: the row only gives him the post. Two rows with the same ID number give one person two posts."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Household
from lianxin.core.scope import CHANGE, under
from lianxin.imports.idcard import id_number_birth_date, id_number_is_male
from lianxin.imports.specs.base import ID_NUMBER, MOBILE, Column, Context, Row, Spec, choice_labels
from lianxin.people.appointments import NOT_APPOINTED_HERE, post_appoint
from lianxin.people.models import Gender, Organisation, Person, PersonTag
from lianxin.people.roles import PostSource, Role, StaffingType, role_choices, role_label

# Roles the business pages do not appoint (the administrators, the organisation department, department
# staff) are not offered: the security administrator grants them one by one.
EXCLUDED_ROLES = tuple(NOT_APPOINTED_HERE)


class _AllRoles:
    """Every role, those other apps registered too, read the way the import's choice helpers read a
    ``TextChoices`` class (its ``choices``)."""

    @property
    def choices(self):
        return role_choices()


ROLES = _AllRoles()


def _household(row: Row, ctx: Context, area) -> Household | None:
    address = row.text("address", max_length=200)
    if not address:
        return None
    households = Household.objects.restrict(ctx.actor, CHANGE).filter(address=address)
    if area is not None:
        households = households.filter(under("area_path", area.path))
    found = list(households.select_related("area")[:2])
    if not found:
        row.error(
            "address",
            _("no household at %(address)s in the areas you may change; import it first")
            % {"address": address},
        )
        return None
    if len(found) > 1:
        row.error(
            "address",
            _("several households have the address %(address)s; fill in the area code too")
            % {"address": address},
        )
        return None
    return found[0]


def write(row: Row, ctx: Context) -> str:
    name = row.text("name", required=True, max_length=50)
    mobile = row.mobile("mobile")
    id_number = row.id_number("id_number")
    gender = row.choice("gender", Gender)
    birth_date = row.date("birth_date", not_after_today=True)
    if id_number:
        id_gender = Gender.MALE if id_number_is_male(id_number) else Gender.FEMALE
        if gender and gender != id_gender:
            row.error("gender", _("does not match the ID number"))
        if birth_date and birth_date != id_number_birth_date(id_number):
            row.error("birth_date", _("does not match the ID number"))
        gender = gender or id_gender
        birth_date = birth_date or id_number_birth_date(id_number)
    area = ctx.area(row, "area_code")
    household = _household(row, ctx, area)
    tags = ctx.tags(row, "tags", PersonTag, _("no person tag is called %(names)s; the tags are: %(known)s"))
    role = row.choice("role", ROLES, exclude=EXCLUDED_ROLES)
    post_area = ctx.area(row, "post_area_code")
    start_date = row.date("start_date")
    is_full_time = row.boolean("is_full_time")
    is_sent_down = row.boolean("is_sent_down")
    source = row.choice("source", PostSource)
    staffing_type = row.choice("staffing_type", StaffingType)
    duties = row.text("duties", max_length=2000)
    employer = None
    if row.raw("employer"):
        employer = (
            Organisation.objects.restrict(ctx.actor).filter(name=row.raw("employer")).order_by("id").first()
        )
        if employer is None:
            row.error(
                "employer",
                _("no organisation you may see is called %(name)s") % {"name": row.raw("employer")},
            )
    if row.raw("role") and not row.raw("post_area_code"):
        row.error("post_area_code", _("fill in the code of the area the post covers"))
    if row.raw("post_area_code") and not row.raw("role"):
        row.error("role", _("fill in the role of the post, or leave the post area empty"))
    row.check()

    # Looked up everywhere, not only in the user's scope: a person living elsewhere who takes a post here
    # must not be recorded twice. Nothing about him is shown or changed.
    person = ctx.person_recorded(id_number)
    existing = person is not None
    if existing:
        if person.name != name:
            row.error("name", _("does not match the name recorded for this ID number"))
        elif not role:
            row.error(
                "id_number",
                _("a person with this ID number is already recorded; give him a post or delete the row"),
            )
        elif employer is not None and person.employer_id is None:
            # His employer is part of his record: set only for a person the user may change on the pages.
            ctx.person_in_scope(row, "employer", person)
        row.check()
    else:
        if area is None and household is None:
            row.error("area_code", _("fill in the area code or the household address"))
            row.check()
        person = Person(name=name, gender=gender or "", birth_date=birth_date, household=household)
        person.set_mobile(mobile)
        person.set_id_number(id_number)
        person.set_area(household.area if household else area)
        person.employer = employer
        person.save()
        person.tags.set(tags)
    if existing and employer is not None and person.employer_id is None:
        person.employer = employer
        person.save(update_fields=["employer"])
    if not role:
        return _("New person %(name)s") % {"name": name}
    # The post goes through the same service, with the same rights check, as the pages and the API: a row
    # its writer's posts may not appoint is refused with the service's reason, and the batch writes nothing.
    post_appoint(
        actor=ctx.actor,
        person=person,
        role=role,
        area=post_area,
        start_date=start_date or ctx.today,
        is_full_time=is_full_time,
        is_sent_down=is_sent_down,
        source=source or "",
        staffing_type=staffing_type or "",
        duties=duties,
        person_known_by_id_number=existing,
    )
    values = {"name": name, "role": role_label(role), "area": post_area.name}
    if existing:
        return _("%(name)s (already recorded): %(role)s of %(area)s") % values
    return _("New person %(name)s: %(role)s of %(area)s") % values


SPEC = Spec(
    kind="persons",
    label=gettext_lazy("Persons and posts"),
    columns=(
        Column("name", gettext_lazy("Full name"), required=True, example="张三", width=12),
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
            example="379901198503150013",
            help=gettext_lazy(
                "18 characters. A person already recorded with this ID number is not changed; the row only "
                "gives him the post."
            ),
        ),
        Column(
            "gender",
            gettext_lazy("Gender"),
            choices=lambda: choice_labels(Gender),
            help=gettext_lazy("Taken from the ID number when left empty."),
            width=8,
        ),
        Column(
            "birth_date",
            gettext_lazy("Birth date"),
            help=gettext_lazy("Taken from the ID number when left empty."),
        ),
        Column(
            "area_code",
            gettext_lazy("Area code"),
            text=True,
            width=22,
            example="379901001001-E001-B01-U1",
            help=gettext_lazy(
                "Where the person lives or is registered. Fill in this or the household address."
            ),
        ),
        Column(
            "address",
            gettext_lazy("Household address"),
            width=28,
            help=gettext_lazy("The address of a household already imported; the person joins it."),
        ),
        Column(
            "tags",
            gettext_lazy("Person tags"),
            choices=lambda: list(PersonTag.objects.values_list("name", flat=True)),
            help=gettext_lazy("Names of person tags, separated by 、 or commas."),
        ),
        Column(
            "role",
            gettext_lazy("Post"),
            example=Role.BUILDING_CAPTAIN.label,
            choices=lambda: choice_labels(ROLES, exclude=EXCLUDED_ROLES),
            help=gettext_lazy("Leave empty to record the person without a post."),
        ),
        Column(
            "post_area_code",
            gettext_lazy("Post area code"),
            text=True,
            width=22,
            example="379901001001-E001-B01",
            help=gettext_lazy("The area the post covers, e.g. the building of a building captain."),
        ),
        Column(
            "start_date",
            gettext_lazy("Post start date"),
            example="2024-03-01",
            help=gettext_lazy("Today when left empty."),
        ),
        Column(
            "is_full_time",
            gettext_lazy("Full time"),
            example="是",
            width=8,
            help=gettext_lazy("是 or 否; 否 when left empty."),
        ),
        Column(
            "is_sent_down",
            gettext_lazy("Sent down to an estate"),
            width=8,
            help=gettext_lazy("是 or 否; 否 when left empty."),
        ),
        Column("source", gettext_lazy("Drawn from"), choices=lambda: choice_labels(PostSource)),
        Column("staffing_type", gettext_lazy("Staffing type"), choices=lambda: choice_labels(StaffingType)),
        Column(
            "duties",
            gettext_lazy("Duties"),
            width=30,
            help=gettext_lazy("The written duty list of the post."),
        ),
        Column(
            "employer",
            gettext_lazy("Employer"),
            width=20,
            help=gettext_lazy(
                "The name of a recorded organisation the person works for (a courier's express company)."
            ),
        ),
    ),
    write=write,
    field_columns={
        "role": "role",
        "area": "post_area_code",
        "person": "id_number",
        "staffing_type": "staffing_type",
    },
)
