"""What the secretaries follow: estates with no meeting in a period and the schedules' missed periods
(P000-42, P003-36), the secretaries' forum and each secretary's participation (P004-36), the studio's rota
with its missed weeks and the problems it solved (P002-62)."""

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lianxin.areas.models import Area, Level
from lianxin.cases.clock import now
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE
from lianxin.deliberation.forms import FilterForm, RotaForm, ScheduleForm
from lianxin.deliberation.models import MeetingSchedule
from lianxin.deliberation.permissions import MEETING_DECIDE, is_recorder, is_staff
from lianxin.deliberation.selectors.meetings import (
    MeetingFilters,
    estates_without_meeting,
    forum_participation,
    missed_for,
    rota_for,
    studio_problems_solved,
)
from lianxin.deliberation.services.rota import rota_assign, schedule_set
from lianxin.deliberation.views.common import form_run, require
from lianxin.people.models import Person


def _quarter(today: date) -> tuple[date, date]:
    start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end_month = start.month + 3
    end = date(start.year + (end_month > 12), (end_month - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


@login_required
@require_http_methods(["GET", "POST"])
def missed(request):
    """Estates without a meeting in the period, the schedules' missed periods, and setting a schedule."""
    user = request.user
    require(is_staff(user))
    schedule_form = None
    if may(user, MEETING_DECIDE):
        schedule_form = ScheduleForm(
            request.POST or None,
            areas=Area.objects.restrict(user, CHANGE)
            .exclude(level__in=[Level.BUILDING, Level.UNIT])
            .order_by("path"),
        )
    require(schedule_form is not None or request.method != "POST")
    done, posted_status = form_run(
        request,
        schedule_form,
        lambda d: schedule_set(
            user, kind=d["kind"], area=d["area"], rrule=d["rrule"], body=d["body"], starts_on=d["starts_on"]
        ),
        success=_("The schedule has been set; missed periods are listed each night."),
        then=lambda _s: reverse("deliberation:missed"),
    )
    if done:
        return done
    form = FilterForm(
        request.GET or None,
        areas=Area.objects.restrict(user).exclude(level__in=[Level.BUILDING, Level.UNIT]).order_by("path"),
    )
    since, until = _quarter(timezone.localdate(now()))
    root, kind, status = None, None, 200
    if form.is_bound:
        if form.is_valid():
            d = form.cleaned_data
            since, until, root, kind = d["since"] or since, d["until"] or until, d["area"], d["kind"]
        else:
            status = 400
    estates = estates_without_meeting(user=user, root=root, since=since, until=until, kind=kind)
    missed_rows = missed_for(user=user, root=root)
    return render(
        request,
        "deliberation/missed.html",
        {
            "form": form,
            "since": since,
            "until": until,
            "estates": estates[:300],
            "estate_count": estates.count(),
            "missed": missed_rows[:300],
            "missed_count": missed_rows.count(),
            "schedule_form": schedule_form,
            "schedules": MeetingSchedule.objects.restrict(user)
            .filter(is_active=True)
            .select_related("kind", "area")[:100],
        },
        status=max(status, posted_status),
    )


@login_required
@require_GET
def forums(request):
    user = request.user
    require(is_staff(user))
    today = timezone.localdate(now())
    sessions, people = forum_participation(
        user=user, filters=MeetingFilters(since=date(today.year, 1, 1), until=today)
    )
    return render(
        request,
        "deliberation/forums.html",
        {"sessions": sessions, "session_count": len(sessions), "people": people, "year": today.year},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rota(request):
    user = request.user
    require(is_recorder(user))
    form = None
    if may(user, MEETING_DECIDE):
        areas = (
            Area.objects.restrict(user, CHANGE)
            .filter(level__in=[Level.COMMUNITY, Level.STREET, Level.VILLAGE])
            .order_by("path")
        )
        people = Person.objects.restrict(user).order_by("name")
        form = RotaForm(request.POST or None, areas=areas, people=people)
    require(form is not None or request.method != "POST")
    done, status = form_run(
        request,
        form,
        lambda d: rota_assign(
            user, area=d["area"], week=d["week"], deputy=d["deputy"], deputy_type=d["deputy_type"]
        ),
        success=_("The deputy is on the rota."),
        then=lambda _r: reverse("deliberation:rota"),
    )
    if done:
        return done
    rows = rota_for(user=user)
    return render(
        request,
        "deliberation/rota.html",
        {
            "form": form,
            "rows": rows,
            "week_count": len(rows),
            "missed_count": sum(1 for r in rows if r.missed),
            "solved": studio_problems_solved(user=user),
        },
        status=status,
    )
