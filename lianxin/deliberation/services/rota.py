"""The studio's rota (P002-62) and the schedules of the kinds (P003-36), with the job that lists the periods
passed without their meeting."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.cases.clock import now
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import require
from lianxin.deliberation.models import (
    DeputyType,
    Meeting,
    MeetingKind,
    MeetingSchedule,
    MissedMeeting,
    RotaWeek,
)
from lianxin.deliberation.permissions import MEETING_DECIDE
from lianxin.deliberation.schedule import last_period, rule_check, rule_text


@transaction.atomic
def rota_assign(actor, *, area: Area, week: date, deputy, deputy_type: str) -> RotaWeek:
    require(actor, MEETING_DECIDE, area)
    if week is None:
        raise DomainError(_("Give the week."), field="week")
    if deputy is None:
        raise DomainError(_("Choose the deputy."), field="deputy")
    if deputy_type not in DeputyType.values:
        raise DomainError(_("Choose the deputy's type."), field="deputy_type")
    monday = week - timedelta(days=week.weekday())
    try:
        with transaction.atomic():
            return RotaWeek.objects.create(area=area, week=monday, deputy=deputy, deputy_type=deputy_type)
    except IntegrityError:
        raise DomainError(_("The deputy is on the rota that week already."), code="invalid_state") from None


@transaction.atomic
def schedule_set(
    actor, *, kind: MeetingKind, area: Area, rrule: str = "", body: str = "", starts_on: date
) -> MeetingSchedule:
    require(actor, MEETING_DECIDE, area)
    rrule = rule_check(rrule)
    schedule, _made = MeetingSchedule.objects.update_or_create(
        kind=kind,
        area=area,
        body=(body or "").strip()[:100],
        defaults={"rrule": rrule, "starts_on": starts_on, "is_active": True},
    )
    return schedule


def meetings_missed(*, at=None) -> int:
    """For every active schedule, the last complete period of its recurrence: no meeting of its kind at its
    area in it → one MissedMeeting (once per period) and a notice to the area's staff. Returns how many."""
    from lianxin.notifications.services import notify

    moment = at or now()
    found = 0
    for schedule in MeetingSchedule.objects.filter(is_active=True).select_related("kind", "area"):
        period = last_period(rule_text(schedule=schedule), starts_on=schedule.starts_on, now=moment)
        if period is None:
            continue
        start, end = period
        held = Meeting.objects.filter(
            kind=schedule.kind, area=schedule.area, held_on__gte=start, held_on__lt=end
        )
        if held.exists() or MissedMeeting.objects.filter(schedule=schedule, period_start=start).exists():
            continue
        with transaction.atomic():
            MissedMeeting.objects.create(schedule=schedule, period_start=start, period_end=end)
            notify(
                verb="meeting_missed",
                title=_("%(area)s held no %(kind)s from %(start)s to %(end)s")
                % {
                    "area": schedule.area.name,
                    "kind": schedule.body or schedule.kind.name,
                    "start": f"{timezone.localdate(start):%Y-%m-%d}",
                    "end": f"{timezone.localdate(end) - timedelta(days=1):%Y-%m-%d}",
                },
                areas=[schedule.area_id],
            )
        found += 1
    return found
