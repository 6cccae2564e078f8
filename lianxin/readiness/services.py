"""Readiness writes: plans and their teams, launching a mobilisation (the call-out, the roster rows and the
notices sent in batches by the Huey task ``mobilisation_send``), and one answer per person called (a second
is 409 您已于20:14响应)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.cases import clock
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import is_under
from lianxin.core.scope import VIEW
from lianxin.readiness.models import (
    Audience,
    Channel,
    EmergencyPlan,
    Mobilisation,
    MobilisationKind,
    MobilisationRecipient,
    PlanTeam,
    PlanTeamMember,
)
from lianxin.readiness.selectors import grids_of, roster_ids
from lianxin.volunteering.services.common import acting_person, staff_over

PLAN_LEVELS = (Level.STREET, Level.TOWNSHIP, Level.COMMUNITY, Level.VILLAGE)


def _text(value, *, n: int, field: str, required: bool = False, label: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("Fill in %(label)s.") % {"label": label}, field=field)
    if len(value) > n:
        raise DomainError(_("At most %(n)s characters.") % {"n": n}, field=field)
    return value


@transaction.atomic
def plan_create(actor, *, area, title: str, commander, deputy=None, workflow: str = "") -> EmergencyPlan:
    """A community's or street's emergency plan with its commander and workflow."""
    person = acting_person(actor)
    if area is None or area.level not in PLAN_LEVELS:
        raise DomainError(_("An emergency plan is kept by a community or a street."), field="area")
    staff_over(actor, area)
    title = _text(title, n=100, field="title", required=True, label=_("the title"))
    if commander is None:
        raise DomainError(_("Name the commander."), field="commander")
    if EmergencyPlan.objects.filter(area=area, title=title).exists():
        raise DomainError(_("This area already has a plan of this title."), field="title")
    return EmergencyPlan.objects.create(
        area=area,
        title=title,
        commander=commander,
        deputy=deputy,
        workflow=_text(workflow, n=4000, field="workflow"),
        created_by=person,
    )


@transaction.atomic
def plan_team_add(
    actor,
    *,
    plan: EmergencyPlan,
    name: str,
    shock_team=None,
    volunteer_team=None,
    leader=None,
    duties: str = "",
    estates=(),
    members=(),
) -> PlanTeam:
    """A team of the plan: a party shock team or a volunteer team (or named only), its duties, the estates
    it covers (of the plan's area) and its members ((person, duty) pairs)."""
    from lianxin.party.models import MemberPostKind

    staff_over(actor, plan.area)
    name = _text(name, n=100, field="name", required=True, label=_("the team's name"))
    if shock_team is not None and volunteer_team is not None:
        raise DomainError(_("Choose a shock team or a volunteer team, not both."), field="shock_team")
    if shock_team is not None and shock_team.kind != MemberPostKind.SHOCK_TEAM:
        raise DomainError(_("Choose a party-member shock team."), field="shock_team")
    if PlanTeam.objects.filter(plan=plan, name=name).exists():
        raise DomainError(_("The plan already has a team of this name."), field="name")
    estates = list(estates)
    for estate in estates:
        if estate.level != Level.ESTATE or not is_under(estate.path, plan.area.path):
            raise DomainError(
                _("%(estate)s is not an estate of %(area)s.")
                % {"estate": estate.name, "area": plan.area.name},
                field="estates",
            )
    team = PlanTeam.objects.create(
        plan=plan,
        name=name,
        shock_team=shock_team,
        volunteer_team=volunteer_team,
        leader=leader or (shock_team.holder if shock_team is not None else None),
        duties=_text(duties, n=2000, field="duties"),
    )
    team.estates.set(estates)
    for person, duty in members:
        PlanTeamMember.objects.get_or_create(team=team, person=person, defaults={"duty": (duty or "")[:100]})
    return team


@transaction.atomic
def plan_team_cover(actor, *, team: PlanTeam, estates) -> PlanTeam:
    """Add estates to those a team covers."""
    staff_over(actor, team.plan.area)
    for estate in estates:
        if estate.level != Level.ESTATE or not is_under(estate.path, team.plan.area.path):
            raise DomainError(
                _("%(estate)s is not an estate of %(area)s.")
                % {"estate": estate.name, "area": team.plan.area.name},
                field="estates",
            )
    team.estates.add(*estates)
    return team


@transaction.atomic
def mobilisation_launch(
    actor,
    *,
    area: Area,
    kind: str,
    title: str,
    place: str,
    audience: str = Audience.ALL,
    plan: EmergencyPlan | None = None,
    estate: Area | None = None,
    channel: str = Channel.INBOX,
    details: str = "",
) -> Mobilisation:
    """Launch a drill or a real mobilisation over an area: the call-out (volunteering's, kind emergency),
    one row per person called, and the notices, sent in batches once the transaction commits."""
    from lianxin.people.models import Person
    from lianxin.volunteering.models import Callout, CalloutKind

    person = acting_person(actor)
    if area is None:
        raise DomainError(_("Choose the area to mobilise."), field="area")
    staff_over(actor, area)
    if kind not in MobilisationKind.values:
        raise DomainError(_("Choose a drill or a real emergency."), field="kind")
    if audience not in Audience.values:
        raise DomainError(_("Choose who is called."), field="audience")
    if channel not in Channel.values:
        raise DomainError(_("Choose how they are told."), field="channel")
    if (
        plan is not None
        and not is_under(plan.area.path, area.path)
        and not is_under(area.path, plan.area.path)
    ):
        raise DomainError(_("The plan is not one of this area."), field="plan")
    if estate is not None and (estate.level != Level.ESTATE or not is_under(estate.path, area.path)):
        raise DomainError(
            _("%(estate)s is not an estate of %(area)s.") % {"estate": estate.name, "area": area.name},
            field="estate",
        )
    title = _text(title, n=100, field="title", required=True, label=_("the title"))
    place = _text(place, n=200, field="place", required=True, label=_("the gathering place"))
    ids = roster_ids(area, audience=audience, plan=plan, estate=estate)
    # Only those the launcher's posts serve are called.
    reachable = list(
        Person.objects.restrict(actor, VIEW).filter(pk__in=list(ids)).values_list("pk", flat=True)
    )
    if not reachable:
        raise DomainError(_("Nobody on the roster of this area matches."), field="audience")
    now = clock.now()
    callout = Callout.objects.create(
        area=area,
        kind=CalloutKind.EMERGENCY,
        title=title,
        details=_text(details, n=2000, field="details"),
        starts_at=now,
        place=place,
        needed=min(len(reachable), 10000),
        created_by=person,
        created_at=now,
    )
    mobilisation = Mobilisation.objects.create(
        callout=callout,
        plan=plan,
        area=area,
        kind=kind,
        audience=audience,
        estate=estate,
        channel=channel,
        launched_at=now,
        launched_by=person,
        called=len(reachable),
    )
    grids = grids_of(area, reachable)
    MobilisationRecipient.objects.bulk_create(
        [
            MobilisationRecipient(
                mobilisation=mobilisation,
                person_id=pk,
                grid=grids.get(pk),
                area_path=mobilisation.area_path,
            )
            for pk in sorted(reachable)
        ],
        batch_size=1000,
    )
    transaction.on_commit(lambda: _enqueue(mobilisation.pk))
    return mobilisation


def _enqueue(pk: int) -> None:
    from lianxin.readiness.tasks import mobilisation_send

    mobilisation_send(pk)


def mobilisation_send_batches(pk: int) -> int:
    """Notify those not yet notified, ``LIANXIN_MOBILISATION_BATCH`` at a time (one outbox row each batch);
    each batch is its own transaction, so a crash resumes where it stopped. Returns the number sent."""
    from lianxin.notifications.services import notify

    size = int(getattr(settings, "LIANXIN_MOBILISATION_BATCH", 500)) or 500
    mobilisation = Mobilisation.objects.select_related("callout").get(pk=pk)
    callout = mobilisation.callout
    kind = mobilisation.get_kind_display()
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                MobilisationRecipient.objects.select_for_update()
                .filter(mobilisation_id=pk, notified_at__isnull=True)
                .order_by("pk")
                .values_list("pk", "person_id")[:size]
            )
            if not batch:
                break
            body = _("%(kind)s · %(place)s. Answer on duty, on standby or unable to take part.") % {
                "kind": kind,
                "place": callout.place,
            }
            notify(
                verb="readiness.mobilisation",
                title=_("Mobilisation: %(title)s") % {"title": callout.title},
                body=body,
                url="/readiness/mine/",
                persons=[person_id for _pk, person_id in batch],
            )
            now = timezone.now()
            MobilisationRecipient.objects.filter(pk__in=[row_pk for row_pk, _p in batch]).update(
                notified_at=now
            )
            Mobilisation.objects.filter(pk=pk).update(sent=F("sent") + len(batch))
            sent += len(batch)
    return sent


def _answered(at) -> DomainError:
    return DomainError(
        _("You answered at %(time)s.") % {"time": timezone.localtime(at).strftime("%H:%M")},
        code="invalid_state",
    )


@transaction.atomic
def recipient_answer(*, recipient: MobilisationRecipient, answer: str, note: str = ""):
    """The one answer of a person called (by his signed link or signed in): 到岗, 待命 or 不能参加."""
    from lianxin.volunteering.models import Answer, CalloutAnswer

    if answer not in Answer.values:
        raise DomainError(_("Answer on duty, on standby or unable to take part."), field="answer")
    note = _text(note, n=200, field="note")
    callout = recipient.mobilisation.callout
    callout_id = callout.pk
    # Lock the caller's row: two answers racing meet here.
    MobilisationRecipient.objects.select_for_update().filter(pk=recipient.pk).first()
    earlier = CalloutAnswer.objects.filter(callout_id=callout_id, person_id=recipient.person_id).first()
    if earlier is not None:
        raise _answered(earlier.answered_at)
    try:
        with transaction.atomic():
            return CalloutAnswer.objects.create(
                callout=callout,
                person_id=recipient.person_id,
                answer=answer,
                note=note,
                answered_at=clock.now(),
            )
    except IntegrityError:
        earlier = CalloutAnswer.objects.get(callout_id=callout_id, person_id=recipient.person_id)
        raise _answered(earlier.answered_at) from None


def mobilisation_answer(actor, *, mobilisation: Mobilisation, answer: str, note: str = ""):
    """A signed-in person answers a mobilisation that calls him."""
    person = acting_person(actor)
    recipient = (
        MobilisationRecipient.objects.select_related("mobilisation__callout")
        .filter(mobilisation=mobilisation, person=person)
        .first()
    )
    if recipient is None:
        raise DomainError(_("This mobilisation does not call you."), code="forbidden")
    return recipient_answer(recipient=recipient, answer=answer, note=note)


def token_answer(*, token: str, answer: str, note: str = ""):
    """An answer by the signed link (no sign-in): the token names the person and the mobilisation."""
    recipient = (
        MobilisationRecipient.objects.select_related("mobilisation__callout")
        .filter(token=token or "-")
        .first()
    )
    if recipient is None:
        raise DomainError(_("This link is not valid."), code="not_found")
    return recipient_answer(recipient=recipient, answer=answer, note=note)
