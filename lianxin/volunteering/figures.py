"""The volunteering tables on the figures page, its workbook, the territory-figures API and the dashboard's
服务与志愿 panel (``rollups.tables``). Each reads the same selectors as the app's own lists, so a number
here is the count of the list it names:

- registrations: volunteers by status and kind, units by status and type (双报到, P000-47, P002-60);
- teams by kind, every volunteer counted once however many teams he is in (P002-59);
- service projects: issued, claimed (claims counted cumulatively for any area, P000-48, P004-44) and
  accepted;
- micro-wishes: posted, claimed and confirmed — the figure is the confirmed ones (P001-63);
- pairings and the households in need still unpaired (P001-29);
- co-building agreements by unit type (P001-58, P004-49) and people sent down by kind (P004-50);
- call-outs of the period and their answers (P000-46).

Activities, sign-ups and hours have their own module (``activity_figures``).
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import under
from lianxin.rollups.tables import SERVICES, Row, TerritoryTable, territory_table_register


def _period(since: date | None, until: date | None) -> tuple[date, date]:
    today = timezone.localdate()
    return since or date(today.year, 1, 1), until or today


def _bounds(since, until):
    since, until = _period(since, until)
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min))
    return start, end, f"{since.isoformat()}—{until.isoformat()}"


def registrations(*, user, root=None, since=None, until=None) -> list[Row]:
    """Volunteer registrations by status (approved ones by kind) and unit registrations by status (approved
    ones by unit type): the vetting lists' counts."""
    from lianxin.volunteering.models import RegistrantKind, RegistrationStatus, UnitType
    from lianxin.volunteering.selectors.registrations import registrations_for, unit_registrations_for

    people = registrations_for(user=user, root=root)
    units = unit_registrations_for(user=user, root=root)
    by_status = dict(people.order_by().values_list("status").annotate(n=Count("pk")))
    by_kind = dict(
        people.filter(status=RegistrationStatus.APPROVED)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    unit_status = dict(units.order_by().values_list("status").annotate(n=Count("pk")))
    unit_type = dict(
        units.filter(status=RegistrationStatus.APPROVED)
        .order_by()
        .values_list("unit_type")
        .annotate(n=Count("pk"))
    )
    rows = [
        Row(_("volunteers: %(status)s") % {"status": label}, by_status.get(value, 0))
        for value, label in RegistrationStatus.choices
    ]
    rows += [
        Row(_("approved volunteers: %(kind)s") % {"kind": label}, by_kind.get(value, 0))
        for value, label in RegistrantKind.choices
    ]
    rows += [
        Row(_("units: %(status)s") % {"status": label}, unit_status.get(value, 0))
        for value, label in RegistrationStatus.choices
    ]
    rows += [
        Row(_("approved units: %(type)s") % {"type": label}, unit_type.get(value, 0))
        for value, label in UnitType.choices
    ]
    return rows


def teams(*, user, root=None, since=None, until=None) -> list[Row]:
    """Teams by kind and their current members, each volunteer counted once (P002-59)."""
    from lianxin.volunteering.models import TeamMember
    from lianxin.volunteering.selectors.teams import team_figures, teams_for

    figures = team_figures(user=user, root=root)
    rows = []
    for label, n in figures["by_kind"]:
        rows.append(Row(label, n))
    visible = teams_for(user=user, root=root).values("pk")
    places = TeamMember.objects.filter(team__in=visible, left_on__isnull=True).count()
    rows.append(Row(_("teams in all"), figures["teams"]))
    rows.append(
        Row(
            _("volunteers in teams, each counted once"),
            figures["members"],
            _("%(places)d team places") % {"places": places},
        )
    )
    return rows


def _cases_of(user, root, code: str, kind: str):
    from lianxin.cases.models import Case, Category

    category = Category.objects.filter(code=code).values_list("path", flat=True).first()
    if category is None:
        return Case.objects.none()
    rows = Case.objects.restrict(user).filter(under("category__path", category), kind=kind)
    return rows.filter(under("area_path", root.path)) if root is not None else rows


def service_projects(*, user, root=None, since=None, until=None) -> list[Row]:
    """Service projects issued under the area, those claimed, the claims held (counted cumulatively, P000-48,
    P004-44) and the projects accepted."""
    from lianxin.cases.models import CaseClaim, State
    from lianxin.volunteering.wishes import PROJECT_ROOT

    projects = _cases_of(user, root, PROJECT_ROOT, "task")
    claims = CaseClaim.objects.filter(case__in=projects.values("pk"), withdrawn_at__isnull=True)
    return [
        Row(_("service projects issued"), projects.count()),
        Row(_("service projects claimed"), projects.filter(claim_count__gt=0).count()),
        Row(
            _("claims (cumulative)"),
            claims.count(),
            _("%(people)d people, %(units)d units")
            % {
                "people": claims.filter(person__isnull=False).values("person_id").distinct().count(),
                "units": claims.filter(organisation__isnull=False)
                .values("organisation_id")
                .distinct()
                .count(),
            },
        ),
        Row(_("service projects accepted"), projects.filter(state=State.CLOSED).count()),
    ]


def micro_wishes(*, user, root=None, since=None, until=None) -> list[Row]:
    """Micro-wishes posted, claimed and confirmed by the resident (the count P001-63 asks for), all time; and
    those confirmed in the period."""
    from lianxin.cases.models import State
    from lianxin.volunteering.wishes import WISH_ROOT

    start, end, span = _bounds(since, until)
    wishes = _cases_of(user, root, WISH_ROOT, "micro_wish")
    confirmed = wishes.filter(state=State.CLOSED)
    return [
        Row(_("micro-wishes posted"), wishes.count()),
        Row(_("micro-wishes claimed"), wishes.filter(claim_count__gt=0).count()),
        Row(_("micro-wishes confirmed"), confirmed.count()),
        Row(
            _("micro-wishes confirmed in the period"),
            confirmed.filter(closed_at__gte=start, closed_at__lt=end).count(),
            span,
        ),
    ]


def pairings(*, user, root=None, since=None, until=None) -> list[Row]:
    """Pairings in force, the households in need and those still without a pairing (P001-29)."""
    from lianxin.volunteering.selectors.pairings import needy_households, pairings_for, unpaired_households

    return [
        Row(_("pairings in force"), pairings_for(user=user, root=root).count()),
        Row(_("households in need"), needy_households(user=user, root=root).count()),
        Row(_("households in need without a pairing"), unpaired_households(user=user, root=root).count()),
    ]


def co_building(*, user, root=None, since=None, until=None) -> list[Row]:
    """Co-building agreements in force by unit type, and the grassroots organisations with one (P001-58,
    P004-49)."""
    from lianxin.volunteering.selectors.pairings import agreement_figures

    figures = agreement_figures(user=user, root=root)
    rows = [Row(label, n) for label, n in figures["by_type"]]
    rows.append(Row(_("agreements in force"), figures["in_force"]))
    share = (
        f"{figures['with_agreement']}/{figures['orgs']}（{round(100 * figures['share'], 1)}%）"
        if figures["orgs"]
        else "—"
    )
    rows.append(Row(_("grassroots organisations with an agreement"), share))
    return rows


def sent_down(*, user, root=None, since=None, until=None) -> list[Row]:
    """People sent down to grassroots party organisations, by kind, each person once (P004-50)."""
    from lianxin.volunteering.selectors.pairings import sent_down_figures

    figures = sent_down_figures(user=user, root=root)
    rows = [Row(label, n) for label, n in figures["by_kind"]]
    rows.append(Row(_("people sent down in all"), figures["persons"]))
    return rows


def callouts(*, user, root=None, since=None, until=None) -> list[Row]:
    """Call-outs made in the period under the area (when the call went out, not when the work starts: a
    call made today for tomorrow counts today) and their answers (到岗 / 待命 / 不能参加)."""
    from lianxin.volunteering.models import Answer, CalloutAnswer
    from lianxin.volunteering.selectors.callouts import callouts_for

    start, end, span = _bounds(since, until)
    called = callouts_for(user=user, root=root).filter(created_at__gte=start, created_at__lt=end)
    answers = dict(
        CalloutAnswer.objects.filter(callout__in=called.values("pk"))
        .order_by()
        .values_list("answer")
        .annotate(n=Count("pk"))
    )
    rows = [Row(_("call-outs"), called.count(), span)]
    rows += [Row(label, answers.get(value, 0)) for value, label in Answer.choices]
    return rows


TABLES = [
    ("volunteering.registrations", _("Volunteer and unit registrations"), registrations, 700),
    ("volunteering.teams", _("Volunteer teams by kind"), teams, 705),
    ("volunteering.projects", _("Service projects claimed"), service_projects, 710),
    ("volunteering.wishes", _("Micro-wishes"), micro_wishes, 715),
    ("volunteering.pairings", _("Pairings and households in need"), pairings, 720),
    ("volunteering.co_building", _("Co-building agreements by unit type"), co_building, 725),
    ("volunteering.sent_down", _("People sent down to grassroots party organisations"), sent_down, 730),
    ("volunteering.callouts", _("Call-outs and answers"), callouts, 735),
]


def register() -> None:
    for key, title, compute, order in TABLES:
        territory_table_register(TerritoryTable(key, title, compute, order, SERVICES))
