"""Leading groups (领导小组, P001-06) and their special working groups (专项工作组, P004-48): bodies whose
seats are posts — 组长 (several: 双组长), 副组长, 成员 — held by people of county departments and streets."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lianxin.cases import clock
from lianxin.cases.permissions import is_issuer_over
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Department, DepartmentKind, Person, Post
from lianxin.supervision.models import WorkingGroup
from lianxin.supervision.permissions import GROUP_ROLES


def _require(actor, group: Department) -> None:
    if not is_issuer_over(actor, group.area_path):
        raise DomainError(_("Your post does not allow this: issue key tasks and letters."), code="forbidden")


@transaction.atomic
def workinggroup_create(actor, *, leading_group: Department, name: str, remit: str = "") -> WorkingGroup:
    """A special working group under a leading group, at its level."""
    if leading_group.kind != DepartmentKind.LEADING_GROUP:
        raise DomainError(_("Choose a leading group."), field="leading_group")
    _require(actor, leading_group)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the working group a name."), field="name")
    found = WorkingGroup.objects.filter(leading_group=leading_group, department__name=name).first()
    if found is not None:
        return found
    n = WorkingGroup.objects.filter(leading_group=leading_group).count() + 1
    code = f"{leading_group.code}-wg{n}"[:40]
    while Department.objects.filter(area=leading_group.area, code=code).exists():
        n += 1
        code = f"{slugify(leading_group.code)}-wg{n}"[:40]
    department = Department.objects.create(
        name=name[:100],
        code=code,
        kind=DepartmentKind.WORKING_GROUP,
        area=leading_group.area,
        area_path=leading_group.area_path,
    )
    return WorkingGroup.objects.create(
        department=department,
        leading_group=leading_group,
        remit=(remit or "").strip()[:200],
        area_path=leading_group.area_path,
    )


@transaction.atomic
def group_seat_add(actor, *, group: Department, person: Person, role: str) -> Post:
    """Seat a person on a leading or working group as 组长 (more than one allowed), 副组长 or 成员."""
    if group.kind not in (DepartmentKind.LEADING_GROUP, DepartmentKind.WORKING_GROUP):
        raise DomainError(_("Choose a leading group or a working group."), field="group")
    if role not in GROUP_ROLES:
        raise DomainError(_("Choose a seat: group leader, deputy group leader or member."), field="role")
    _require(actor, group)
    today = clock.now().date()
    found = Post.objects.filter(person=person, department=group, role=role, end_date__isnull=True).first()
    if found is not None:
        return found
    return Post.objects.create(
        person=person, role=role, department=group, area_path=group.area_path, start_date=today
    )
