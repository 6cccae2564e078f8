"""The activities' registrations, from VolunteeringConfig.ready(): the roll-up figure of volunteer hours
(``volunteering.hours``, by ``group``: courier, member, volunteer, resident; under the activity's area, on the
day it was held), the two capabilities (publishing activities, confirming hours), the pages in the
navigation and the workbench panel."""

from dataclasses import replace
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import under
from lianxin.rollups.registry import Contribution, Figure, Total, figure_register
from lianxin.volunteering.services.activities import CONFIRM, HOURS, PUBLISH


def hours_compute(*, area_path, day_from, day_to, dims=None) -> Total:
    from lianxin.volunteering.models import SignUp

    rows = SignUp.objects.filter(
        under("area_path", area_path),
        hours__isnull=False,
        activity__held_on__gte=day_from,
        activity__held_on__lte=day_to,
    )
    if dims is not None:
        rows = rows.filter(group=dims["group"]) if set(dims) == {"group"} else rows.none()
    sums = rows.aggregate(value=Sum("hours"), count=Count("id"))
    return Total(value=Decimal(sums["value"] or 0), count=sums["count"] or 0)


def hours_source():
    from lianxin.volunteering.models import SignUp

    rows = SignUp.objects.filter(hours__isnull=False).values_list(
        "area_path", "activity__held_on", "hours", "group"
    )
    for path, day, hours, group in rows.iterator():
        yield Contribution(path, day, hours, {"group": group})


def _publishes(user) -> bool:
    from lianxin.volunteering.services.activities import may_publish_somewhere

    return user.is_authenticated and may_publish_somewhere(user)


def _has_person(user) -> bool:
    return bool(user.is_authenticated and user.person_id)


def _has_hours(user) -> bool:
    from lianxin.volunteering.models import SignUp

    return _has_person(user) and SignUp.objects.filter(person_id=user.person_id).exists()


def activities_panel(*, user) -> dict | None:
    """The workbench: for the organiser's side, held activities whose hours are not confirmed; for a person,
    the activities of his community open for sign-up that he has not signed up to."""
    if not _has_person(user):
        return None
    from django.utils import timezone

    from lianxin.volunteering.selectors import activities as sel
    from lianxin.volunteering.services.activities import may_organise, may_publish_somewhere

    to_confirm = []
    if may_publish_somewhere(user):
        held = sel.activities_for(user=user, with_signups=True).filter(
            detail__hours__isnull=True, starts_at__lte=timezone.now()
        )
        to_confirm = [a for a in held[:20] if may_organise(user, a)][:5]
    open_ = list(sel.activities_open(user=user).exclude(signups__person_id=user.person_id)[:5])
    if not to_confirm and not open_:
        return None
    return {"to_confirm": to_confirm, "open": open_}


def register() -> None:
    from lianxin.core.navigation import NavItem, nav_register
    from lianxin.core.rights import capability_register
    from lianxin.people.roles import STAFF_ROLES

    figure_register(
        Figure(
            key=HOURS,
            label=_("volunteer hours"),
            unit=_("hours"),
            places=1,
            compute=hours_compute,
            source=hours_source,
        )
    )
    capability_register(PUBLISH, roles=STAFF_ROLES, label=_("publish activities for sign-up"))
    capability_register(CONFIRM, roles=STAFF_ROLES, label=_("keep the roll and confirm activity hours"))
    items = [
        (NavItem("activities", _("Activities"), "volunteering:activities", "work", "flag"), _publishes),
        (
            NavItem(
                "activities_join", _("Activities near me"), "volunteering:activities_join", "work", "flag"
            ),
            _has_person,
        ),
        (
            NavItem("hours_mine", _("My volunteer hours"), "volunteering:hours_mine", "work", "list"),
            _has_hours,
        ),
    ]
    for n, (item, visible) in enumerate(items):
        nav_register(replace(item, order=75 + n, visible=visible))
    from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register

    workbench_panel_register(
        WorkbenchPanel(
            "volunteer_activities",
            "volunteering/activities/_workbench.html",
            activities_panel,
            order=58,
            region="grid",
        )
    )
