"""The Monday bulletin job (Huey schedules in UTC: 22:30 UTC on Sunday is 06:30 on Monday in Shanghai), and
the practices panel computed into the shared cache (on demand, and every five minutes for each county)."""

from datetime import date

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from lianxin.dashboard.bulletins import bulletins_weekly


@db_periodic_task(crontab(day_of_week="0", hour="22", minute="30"), name="bulletins_weekly")
def bulletins_weekly_job() -> int:
    """Every Monday morning: last week's bulletin for every county, street and township."""
    return bulletins_weekly()


@db_task(name="practices_refresh")
def practices_refresh(area_id: int, kind: str, start: str, end: str, language: str) -> int:
    """Compute one practices panel (an area and a period) into the shared cache; the number of figures."""
    from lianxin.areas.models import Area
    from lianxin.cases.figures import Period
    from lianxin.dashboard.practices import practices_compute

    area = Area.objects.filter(pk=area_id).first()
    if area is None:
        return 0
    period = Period(date.fromisoformat(start), date.fromisoformat(end), kind)
    practices, _at = practices_compute(area=area, period=period, language=language)
    return len(practices)


@db_periodic_task(crontab(minute="*/5"), name="practices_warm")
def practices_warm() -> int:
    """Every five minutes: each county's panel for the period the dashboard opens with (the last 30 whole
    days), so that the first visitor finds it computed; the number of panels computed."""
    from django.conf import settings

    from lianxin.areas.models import Area, Level
    from lianxin.dashboard.practices import practices_compute
    from lianxin.dashboard.selectors import choice_from

    period = choice_from({}).period
    done = 0
    for area in Area.objects.filter(level=Level.COUNTY):
        practices_compute(area=area, period=period, language=settings.LANGUAGE_CODE)
        done += 1
    return done


@db_periodic_task(crontab(hour="23", minute="0"), name="bulletin_series_due")
def bulletin_series_due_job() -> int:
    """Every morning (07:00 in Shanghai): the next issue of each numbered series whose day has come."""
    from lianxin.dashboard.bulletin_series import bulletin_series_due

    return bulletin_series_due()
