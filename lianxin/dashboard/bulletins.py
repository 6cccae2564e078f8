"""The weekly bulletin (周通报): a Word document for an area and a week (Monday to Sunday) with the
headline figures and their change from the week before, the ranking of the area's children, the red and
black lists, overdue and reopened cases named by handler, and charts drawn server-side (charts.py).

Generated every Monday for the previous week by a Huey job (tasks.py) for every county, street and
township, and on demand from the bulletins page; each is kept in ``Bulletin`` with its file.
"""

import io
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.shared import Cm

from lianxin.areas.models import Area, Level
from lianxin.cases import clock
from lianxin.cases.figures import (
    FIGURES,
    Figures,
    figure_target,
    figures_change,
    figures_rank,
    figures_trend,
    period_of,
)
from lianxin.cases.models import Case
from lianxin.cases.selectors import handling_overdue_q, response_overdue_q
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import is_under
from lianxin.core.scope import under
from lianxin.core.text import text_clean
from lianxin.dashboard.charts import bar_chart, line_chart
from lianxin.dashboard.models import Bulletin
from lianxin.dashboard.official_docx import heading, imprint, official_document, paragraph, table

LIST_SIZE = 3  # children on each of the red and black lists
CASES_LISTED = 30


def _fmt(definition, value) -> str:
    if value is None:
        return "—"
    return f"{value:.1f} 小时" if definition.unit == "h" else f"{value * 100:.1f}%"


def _change(definition, now, before) -> str:
    if now is None or before is None:
        return "—"
    delta = now - before
    if definition.unit == "h":
        return f"{delta:+.1f} 小时"
    return f"{delta * 100:+.1f} 个百分点"


def docx_table(document, header: list[str], rows: list[list]) -> None:
    # Case titles stored before entry points cleaned them may hold control characters, which Word's XML
    # cannot carry.
    table(
        document,
        [text_clean(str(text)) for text in header],
        [[text_clean(str(value)) for value in row] for row in rows],
    )


def bulletin_issuer(area: Area) -> str:
    """The office that issues an area's bulletin, named on its header, its imprint and as its author."""
    return _("Office of the %(area)s leading group for Party-building-led grassroots governance") % {
        "area": area.name
    }


def bulletin_issue(week) -> str:
    """第N期: the week's number in its (ISO) year, so that a bulletin generated again, or late, keeps the
    number of its week."""
    year, number, _weekday = week.start.isocalendar()
    return _("%(year)d, no. %(number)d") % {"year": year, "number": number}


def _chinese_date(day: date) -> str:
    return _("%(year)d/%(month)d/%(day)d (date)") % {"year": day.year, "month": day.month, "day": day.day}


def _meets_targets(figures: Figures) -> bool:
    """No figure that has a target (satisfaction, one-pass) is below it; a figure with no cases behind it
    is not below anything."""
    for definition in FIGURES:
        target, value = figure_target(definition), figures.value(definition.key)
        if target is not None and value is not None and value < target:
            return False
    return True


def _targets_text() -> str:
    return "、".join(
        f"{definition.label} {figure_target(definition) * 100:g}%"
        for definition in FIGURES
        if figure_target(definition) is not None
    )


def _overdue(area: Area):
    now = timezone.now()

    return (
        Case.objects.filter(under("area_path", area.path))
        .filter(response_overdue_q(now) | handling_overdue_q(now))
        .select_related(
            "category", "handler_person", "handler_department", "handler_organisation", "handler_area"
        )
        .order_by("handle_due", "id")[:CASES_LISTED]
    )


def _reopened(area: Area, week):
    from lianxin.cases.figures import day_start

    return (
        Case.objects.filter(
            under("area_path", area.path),
            reported_at__gte=day_start(week.start),
            reported_at__lt=day_start(week.end + timedelta(days=1)),
            reopen_count__gt=0,
        )
        .select_related(
            "category", "handler_person", "handler_department", "handler_organisation", "handler_area"
        )
        .order_by("id")[:CASES_LISTED]
    )


NUMERALS = "一二三四五六七八九十"  # the first level of an official document's headings: 一、二、…


def bulletin_document(*, area: Area, day: date) -> tuple[bytes, dict, str]:
    """The bulletin of the week holding ``day`` for ``area``: (docx bytes, summary, title), laid out as an
    official document of the issuing office (official_docx.py)."""
    week = period_of("week", day)
    now, before = figures_change(area=area, period=week)
    title = _("%(area)s weekly bulletin on residents' requests, %(start)s to %(end)s") % {
        "area": area.name,
        "start": _chinese_date(week.start),
        "end": _("%(month)d/%(day)d") % {"month": week.end.month, "day": week.end.day},
    }
    issuer = bulletin_issuer(area)
    moment = timezone.localtime(clock.now())
    issued_on = _chinese_date(moment.date())
    document = official_document(
        issuer=issuer,
        title=title,
        header=_("Residents' requests: weekly bulletin"),
        issue=bulletin_issue(week),
        issued_on=issued_on,
        when=moment,
    )
    sections = iter(NUMERALS)

    def section(text):
        heading(document, f"{next(sections)}、{text}")

    paragraph(
        document,
        _(
            "This week %(reported)d cases were reported under %(area)s; %(closed)d of them are closed, "
            "%(open)d still open. Last week: %(before)d reported."
        )
        % {
            "reported": now.reported,
            "area": area.name,
            "closed": now.closed,
            "open": now.open,
            "before": before.reported,
        },
    )

    section(_("Headline figures"))
    rows = []
    for definition in FIGURES:
        value, previous = now.value(definition.key), before.value(definition.key)
        rows.append(
            [
                str(definition.label),
                _fmt(definition, value),
                _fmt(definition, previous),
                _change(definition, value, previous),
                f"{getattr(now, definition.numerator)} / {getattr(now, definition.denominator)}",
            ]
        )
    docx_table(document, [_("figure"), _("this week"), _("last week"), _("change"), _("counts")], rows)
    paragraph(
        document,
        _("Ratings given automatically: %(auto)d of %(rated)d.")
        % {"auto": now.rated_auto, "rated": now.rated},
    )

    section(_("Trend of the week"))
    trend = figures_trend(area=area, period=week)
    png, numbered = line_chart(
        [f"{d:%m-%d}" for d, _f in trend],
        [(_("reported"), [f.reported for _d, f in trend]), (_("closed"), [f.closed for _d, f in trend])],
    )
    document.add_picture(io.BytesIO(png), width=Cm(15))
    if numbered:
        paragraph(document, _("Lines: (1) reported, (2) closed, per day."))

    ranking = figures_rank(area=area, period=week, figure="resolution_rate")
    summary = {
        "reported": now.reported,
        "closed": now.closed,
        "ranked": [],
        "issuer": issuer,
        "issue": bulletin_issue(week),
        "issued_on": issued_on,
    }
    if ranking:
        section(_("Ranking of %(area)s by resolution rate") % {"area": area.name})
        docx_table(
            document,
            [
                _("rank"),
                _("name"),
                _("resolution rate"),
                _("one-pass rate"),
                _("satisfaction rate"),
                _("reported"),
            ],
            [
                [
                    r.rank or _("not ranked"),
                    r.area.name,
                    _fmt(FIGURES[1], r.figures.resolution_rate),
                    _fmt(FIGURES[3], r.figures.one_pass_rate),
                    _fmt(FIGURES[4], r.figures.satisfaction_rate),
                    r.figures.reported,
                ]
                for r in ranking
            ],
        )
        paragraph(
            document,
            _("Equal rates share a rank. Areas with fewer than %(n)d cases are listed but not ranked.")
            % {"n": settings.LIANXIN_RANKING_MIN_VOLUME},
        )
        ranked = [r for r in ranking if r.rank]
        summary["ranked"] = [[r.area.name, r.rank] for r in ranked]
        if ranked:
            png, numbered = bar_chart(
                [r.area.short_name or r.area.name for r in ranked],
                [round(r.value * 100, 1) for r in ranked],
                unit="%",
            )
            document.add_picture(io.BytesIO(png), width=Cm(15))
            if numbered:
                paragraph(document, "；".join(f"{i}. {r.area.name}" for i, r in enumerate(ranked, start=1)))
            # The red list praises: an area below any target (satisfaction, one-pass) is not on it, however
            # high its resolution rate.
            red = [r for r in ranked if _meets_targets(r.figures)][:LIST_SIZE]
            black = [r for r in ranked[-LIST_SIZE:] if r not in red]
            section(_("Red and black lists"))
            paragraph(
                document, _("Red list: %(names)s") % {"names": "、".join(r.area.name for r in red) or "—"}
            )
            paragraph(
                document, _("Black list: %(names)s") % {"names": "、".join(r.area.name for r in black) or "—"}
            )
            paragraph(
                document,
                _("The red list holds the best-ranked areas that meet every target (%(targets)s).")
                % {"targets": _targets_text()},
            )
            summary["red"] = [r.area.name for r in red]
            summary["black"] = [r.area.name for r in black]

    section(_("Cases past their time limit"))
    overdue = list(_overdue(area))
    if overdue:
        docx_table(
            document,
            [_("case number"), _("title"), _("handler"), _("due")],
            [
                [
                    c.number,
                    c.title,
                    c.handler_label,
                    f"{timezone.localtime(c.handle_due):%m-%d %H:%M}" if c.handle_due else "",
                ]
                for c in overdue
            ],
        )
    else:
        paragraph(document, _("No case is overdue."))
    section(_("Reopened cases"))
    reopened = list(_reopened(area, week))
    if reopened:
        docx_table(
            document,
            [_("case number"), _("title"), _("handler"), _("times reopened")],
            [[c.number, c.title, c.handler_label, c.reopen_count] for c in reopened],
        )
    else:
        paragraph(document, _("No case reported this week was reopened."))
    imprint(document, issuer=issuer, issued_on=_("%(date)s issued") % {"date": issued_on})
    summary.update(overdue=len(overdue), reopened=len(reopened))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), summary, title


def bulletin_generate(*, actor, area: Area, day: date) -> Bulletin:
    """Write the bulletin of the week holding ``day`` for ``area`` and keep it. ``actor`` is None for the
    Monday job. A week that has not begun is refused."""
    week = period_of("week", day)
    if week.start > timezone.localdate():
        raise DomainError(_("That week has not begun yet."), field="day")
    content, summary, title = bulletin_document(area=area, day=day)
    with transaction.atomic():
        bulletin = Bulletin(
            area=area,
            area_path=area.path,
            week_start=week.start,
            week_end=week.end,
            title=title[:200],
            summary=summary,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        bulletin.file.save(f"{area.code}-{week.start:%Y%m%d}.docx", ContentFile(content), save=False)
        bulletin.save()
    return bulletin


BULLETIN_LEVELS = [Level.COUNTY, Level.STREET, Level.TOWNSHIP]


def bulletins_weekly(*, today: date | None = None) -> int:
    """The Monday job: last week's bulletin for every county, street and township."""
    today = today or timezone.localdate()
    last_week = today - timedelta(days=7)
    n = 0
    for area in Area.objects.filter(level__in=BULLETIN_LEVELS, retired_on__isnull=True).order_by("path"):
        bulletin_generate(actor=None, area=area, day=last_week)
        n += 1
    return n


def _roots(user):
    from lianxin.dashboard.selectors import dashboard_roots

    return dashboard_roots(user=user)


def bulletins_for_user(*, user, area: Area):
    """The bulletins of the area and everything under it (the area is already in the user's scope)."""
    return Bulletin.objects.filter(under("area_path", area.path)).select_related("area")[:200]


def bulletin_get_for_user(*, user, pk) -> Bulletin:
    bulletin = Bulletin.objects.filter(pk=pk).first()
    if bulletin is None or not any(is_under(bulletin.area_path, r.path) for r in _roots(user)):
        raise Http404
    return bulletin


def figures_empty() -> Figures:
    return Figures()
