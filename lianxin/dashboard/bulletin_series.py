"""Numbered bulletin series (《中小城市党建通报》, P001-08; 集中通报, P004-56): each issue is a Word document
for a chosen week that ranks the series' units — the areas one level down (streets, communities) or the
units leading key tasks (departments) — on key-task completion (supervision's selectors) and, for areas,
on the week's case figures. Issue numbers continue within the series (第7期, 第8期 …); the Huey job
``bulletin_series_due`` issues those whose schedule (RRULE) has come."""

import io
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.cases import clock
from lianxin.cases.figures import Figures, figures_for_area, period_of
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.dashboard.bulletins import bulletin_issuer, docx_table
from lianxin.dashboard.models import Bulletin, BulletinRanking, BulletinSeries
from lianxin.dashboard.official_docx import heading, imprint, official_document, paragraph
from lianxin.supervision.models import KeyTask
from lianxin.supervision.selectors.key_tasks import completion_by_unit
from lianxin.supervision.services.key_tasks import rrule_clean, rrule_next


def _rate(c) -> str:
    return f"{c.rate_percent:.1f}%" if c.rate_percent is not None else "—"


def series_ranking(series: BulletinSeries, *, week) -> list[dict]:
    """The rows an issue ranks: unit, key tasks, done, completion rate, rank, and for areas the week's
    reported and closed cases."""
    tz = timezone.get_current_timezone()
    until = datetime.combine(week.end + timedelta(days=1), time(), tzinfo=tz)
    tasks = KeyTask.objects.filter(under("area_path", series.area_path), case__reported_at__lt=until)
    if series.task_list_id:
        tasks = tasks.filter(task_list_id=series.task_list_id)
    if series.ranking == BulletinRanking.CHILDREN:
        tasks = tasks.filter(lead_area__isnull=False)
    else:
        tasks = tasks.filter(lead_area__isnull=True)
    rows = completion_by_unit(tasks, until=until)
    out = []
    for r in rows:
        figures = Figures()
        if r.key.startswith("area:"):
            area = Area.objects.filter(pk=int(r.key.split(":")[1])).first()
            if area is not None:
                figures = figures_for_area(area=area, period=week)
        out.append(
            {
                "unit": r.name,
                "rank": r.rank,
                "total": r.completion.total,
                "done": r.completion.done,
                "rate": r.completion.rate_percent,
                "rate_text": _rate(r.completion),
                "reported": figures.reported,
                "closed": figures.closed,
            }
        )
    return out


def series_document(series: BulletinSeries, *, number: int, day: date) -> tuple[bytes, dict, str]:
    week = period_of("week", day)
    issue = _("No. %(number)d") % {"number": number}
    title = f"{series.title}（{issue}）"
    issuer = bulletin_issuer(series.area)
    moment = timezone.localtime(clock.now())
    issued_on = _("%(year)d/%(month)d/%(day)d (date)") % {
        "year": moment.year,
        "month": moment.month,
        "day": moment.day,
    }
    document = official_document(
        issuer=issuer, title=title, header=series.title, issue=issue, issued_on=issued_on, when=moment
    )
    rows = series_ranking(series, week=week)
    paragraph(
        document,
        _("Week from %(start)s to %(end)s: %(n)d units ranked on the completion of their key tasks.")
        % {"start": week.start.isoformat(), "end": week.end.isoformat(), "n": len(rows)},
    )
    heading(document, "一、" + _("Ranking on key-task completion"))
    if rows:
        docx_table(
            document,
            [
                _("rank"),
                _("unit"),
                _("key tasks"),
                _("done"),
                _("completion rate"),
                _("reported"),
                _("closed"),
            ],
            [
                [r["rank"], r["unit"], r["total"], r["done"], r["rate_text"], r["reported"], r["closed"]]
                for r in rows
            ],
        )
    else:
        paragraph(document, _("No key task has been issued to these units yet."))
    imprint(document, issuer=issuer, issued_on=_("%(date)s issued") % {"date": issued_on})
    buffer = io.BytesIO()
    document.save(buffer)
    summary = {"number": number, "ranked": rows, "issue": issue, "issuer": issuer, "issued_on": issued_on}
    return buffer.getvalue(), summary, title


@transaction.atomic
def series_create(
    actor,
    *,
    area: Area,
    title: str,
    first_number: int = 1,
    rrule: str = "",
    ranking=BulletinRanking.CHILDREN,
    task_list=None,
    next_on: date | None = None,
) -> BulletinSeries:
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the series a title."), field="title")
    if not isinstance(first_number, int) or not 1 <= first_number <= 100000:
        raise DomainError(_("The first number is a whole number from 1."), field="first_number")
    if ranking not in BulletinRanking.values:
        raise DomainError(_("Choose what the series ranks."), field="ranking")
    rule = rrule_clean(rrule, field="rrule")
    today = timezone.localdate(clock.now())
    return BulletinSeries.objects.create(
        area=area,
        area_path=area.path,
        title=title[:100],
        rrule=rule,
        next_number=first_number,
        next_on=next_on or (rrule_next(rule, today) if rule else None),
        ranking=ranking,
        task_list=task_list,
    )


def series_issue(*, actor, series: BulletinSeries, day: date) -> Bulletin:
    """The next issue of the series for the week holding ``day``: the series' next number, then one more."""
    week = period_of("week", day)
    if week.start > timezone.localdate(clock.now()):
        raise DomainError(_("That week has not begun yet."), field="day")
    with transaction.atomic():
        series = BulletinSeries.objects.select_for_update().get(pk=series.pk)
        number = series.next_number
        content, summary, title = series_document(series, number=number, day=day)
        bulletin = Bulletin(
            area=series.area,
            area_path=series.area_path,
            week_start=week.start,
            week_end=week.end,
            title=title[:200],
            summary=summary,
            series=series,
            number=number,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        bulletin.file.save(
            f"{series.area.code}-series{series.pk}-{number}.docx", ContentFile(content), save=False
        )
        bulletin.save()
        series.next_number = number + 1
        series.save(update_fields=["next_number"])
    return bulletin


def bulletin_series_due(*, today: date | None = None) -> int:
    """The Huey job: issue every series whose day has come (for the week before), and move its day on."""
    today = today or timezone.localdate(clock.now())
    issued = 0
    for series in BulletinSeries.objects.exclude(rrule="").filter(next_on__lte=today):
        series_issue(actor=None, series=series, day=today - timedelta(days=7))
        series.refresh_from_db()
        series.next_on = rrule_next(series.rrule, today)
        series.save(update_fields=["next_on"])
        issued += 1
    return issued


def series_for_user(user):
    from lianxin.dashboard.selectors import dashboard_roots

    roots = [r.path for r in dashboard_roots(user=user)]
    qs = BulletinSeries.objects.none()
    for path in roots:
        qs = qs | BulletinSeries.objects.filter(under("area_path", path))
    return qs.select_related("area").order_by("area_path", "title")
