"""Exports of the lists a user can see: each starts from ``restrict(user, "view")``, optionally narrowed to
the subtree of one area he may see, and personal numbers are written masked, whoever exports."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Area, Household, HouseholdTag
from lianxin.core.excel import ExcelColumn, list_workbook
from lianxin.core.paths import parent_path
from lianxin.core.scope import VIEW, under
from lianxin.party.models import Membership
from lianxin.people.models import Person, PersonTag, Post


@dataclass(frozen=True)
class Export:
    kind: str
    label: Promise
    rows: Callable[[object, Area | None], QuerySet]
    columns: Callable[[object], list[ExcelColumn]]


def _under(queryset: QuerySet, area: Area | None, field: str) -> QuerySet:
    return queryset.filter(under(field, area.path)) if area else queryset


def _tag_names(obj) -> str:
    return "、".join(tag.name for tag in obj.tags.all())


# -- areas ---------------------------------------------------------------------------------------------------


def _area_rows(user, area):
    return _under(Area.objects.restrict(user, VIEW), area, "path").order_by("path")


def _area_columns(user) -> list[ExcelColumn]:
    codes = dict(Area.objects.restrict(user, VIEW).values_list("path", "code"))

    def parent_code(a):
        # An area's parent may lie above the user's scope; its code is the public statistical code.
        parent = parent_path(a.path)
        if parent and parent not in codes:
            codes[parent] = Area.objects.filter(path=parent).values_list("code", flat=True).first()
        return codes.get(parent, "")

    return [
        ExcelColumn(_("Code"), lambda a: a.code, 24),
        ExcelColumn(_("Area name"), lambda a: a.name, 20),
        ExcelColumn(_("Short name"), lambda a: a.short_name),
        ExcelColumn(_("Level"), lambda a: a.get_level_display(), 10),
        ExcelColumn(_("Parent area code"), parent_code, 24),
        ExcelColumn(_("Latitude"), lambda a: a.lat, 12),
        ExcelColumn(_("Longitude"), lambda a: a.lng, 12),
        ExcelColumn(_("Retired on"), lambda a: a.retired_on, 12),
    ]


# -- households ----------------------------------------------------------------------------------------------


def _household_rows(user, area):
    return (
        _under(Household.objects.restrict(user, VIEW), area, "area_path")
        .select_related("area")
        .prefetch_related(Prefetch("tags", queryset=HouseholdTag.objects.order_by("id")))
        .order_by("area_path", "address", "id")
    )


def _household_columns(user) -> list[ExcelColumn]:
    return [
        ExcelColumn(_("Area code"), lambda h: h.area.code, 26),
        ExcelColumn(_("Area name"), lambda h: h.area.name, 12),
        ExcelColumn(_("Address"), lambda h: h.address, 36),
        ExcelColumn(_("Household size"), lambda h: h.size, 10),
        ExcelColumn(_("Household tags"), _tag_names, 20),
        ExcelColumn(_("Note"), lambda h: h.note, 24),
    ]


# -- persons -------------------------------------------------------------------------------------------------


def _person_rows(user, area):
    # The posts shown beside a person go through the user's scope too, as every related list does.
    posts = Post.objects.restrict(user, VIEW).current().select_related("area", "party_org", "department")
    return (
        _under(Person.objects.restrict(user, VIEW), area, "area_path")
        .select_related("area", "household")
        .prefetch_related(
            Prefetch("posts", queryset=posts, to_attr="visible_posts"),
            Prefetch("tags", queryset=PersonTag.objects.order_by("id")),
        )
        .order_by("area_path", "id")
    )


def _posts_text(person) -> str:
    return "；".join(f"{post.get_role_display()}（{post.scope_label}）" for post in person.visible_posts)


def _person_columns(user) -> list[ExcelColumn]:
    return [
        ExcelColumn(_("Full name"), lambda p: p.name, 12),
        ExcelColumn(_("Gender"), lambda p: p.get_gender_display(), 8),
        ExcelColumn(_("Birth date"), lambda p: p.birth_date, 12),
        ExcelColumn(_("Mobile number (masked)"), lambda p: p.mobile_masked, 16),
        ExcelColumn(_("ID number (masked)"), lambda p: p.id_number_masked, 22),
        ExcelColumn(_("Area code"), lambda p: p.area.code if p.area_id else "", 26),
        ExcelColumn(_("Household address"), lambda p: p.household.address if p.household_id else "", 36),
        ExcelColumn(_("Person tags"), _tag_names, 16),
        ExcelColumn(_("Current posts"), _posts_text, 36),
    ]


# -- party members -------------------------------------------------------------------------------------------


def _member_rows(user, area):
    return (
        _under(Membership.objects.restrict(user, VIEW).current(), area, "area_path")
        .select_related("person", "org", "org__area")
        .order_by("org_path", "person__name", "id")
    )


def _member_columns(user) -> list[ExcelColumn]:
    return [
        ExcelColumn(_("Full name"), lambda m: m.person.name, 12),
        ExcelColumn(_("ID number (masked)"), lambda m: m.person.id_number_masked, 22),
        ExcelColumn(_("Mobile number (masked)"), lambda m: m.person.mobile_masked, 16),
        ExcelColumn(_("Party organisation"), lambda m: m.org.name, 24),
        ExcelColumn(_("Party organisation number"), lambda m: m.org_id, 10),
        ExcelColumn(_("Member type"), lambda m: m.get_kind_display(), 12),
        ExcelColumn(_("Joined the party on"), lambda m: m.joined_on, 12),
        ExcelColumn(_("Organisational relation held here"), lambda m: m.is_home, 10),
        ExcelColumn(_("Mobile member"), lambda m: m.is_mobile, 10),
        ExcelColumn(_("Place of work away from home"), lambda m: m.work_place, 20),
    ]


EXPORTS: dict[str, Export] = {
    e.kind: e
    for e in (
        Export("areas", gettext_lazy("Areas"), _area_rows, _area_columns),
        Export("households", gettext_lazy("Households"), _household_rows, _household_columns),
        Export("persons", gettext_lazy("Persons"), _person_rows, _person_columns),
        Export("members", gettext_lazy("Party members"), _member_rows, _member_columns),
    )
}


def export_workbook(*, kind: str, user, area: Area | None = None):
    """The workbook of one list as the user sees it, and a file name for it."""
    export = EXPORTS[kind]
    now = timezone.localtime()
    scope_label = area.name if area else _("all the areas you may see")
    notes = [
        (_("List"), str(export.label)),
        (_("Area"), scope_label),
        (_("Exported by"), user.display_name),
        (_("Exported at"), now.strftime("%Y-%m-%d %H:%M")),
        (_("Personal data"), _("Mobile and ID numbers are masked.")),
    ]
    workbook = list_workbook(
        title=str(export.label),
        columns=export.columns(user),
        objects=export.rows(user, area).iterator(chunk_size=2000),
        notes=notes,
    )
    filename = f"{export.label}-{area.name + '-' if area else ''}{now:%Y%m%d}.xlsx"
    return workbook, filename
