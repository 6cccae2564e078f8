"""Call-outs (召集) and their answers. The call-out and the notices to those called are written in one
transaction; each person answers once (a second answer is refused with 409 已答复)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW
from lianxin.people.models import Person
from lianxin.volunteering import links
from lianxin.volunteering.models import Answer, Callout, CalloutAnswer, CalloutKind
from lianxin.volunteering.selectors.callouts import callout_recipients
from lianxin.volunteering.services.common import acting_person, staff_over

NEEDED_MAX = 10000


@transaction.atomic
def callout_create(
    actor,
    *,
    kind: str,
    title: str,
    starts_at,
    place: str,
    needed: int,
    team=None,
    area=None,
    details: str = "",
) -> Callout:
    """Call out a team, or the volunteers of an area, and notify each of them in his inbox."""
    person = acting_person(actor)
    if (team is None) == (area is None):
        raise DomainError(_("Call out either a team or the volunteers of an area."), field="team")
    staff_over(actor, team.area if team is not None else area)
    if kind not in CalloutKind.values:
        raise DomainError(_("Choose an emergency or a task."), field="kind")
    title, place, details = (title or "").strip(), (place or "").strip(), (details or "").strip()
    if not title or len(title) > 100:
        raise DomainError(
            _("Give the call-out a title of at most %(n)s characters.") % {"n": 100}, field="title"
        )
    if not place or len(place) > 200:
        raise DomainError(_("Say where to gather, in at most %(n)s characters.") % {"n": 200}, field="place")
    if starts_at is None:
        raise DomainError(_("Say when to gather."), field="starts_at")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if needed is None or not 1 <= needed <= NEEDED_MAX:
        raise DomainError(_("The number needed is between 1 and %(n)s.") % {"n": NEEDED_MAX}, field="needed")
    callout = Callout.objects.create(
        team=team,
        area=team.area if team is not None else area,
        kind=kind,
        title=title,
        details=details,
        starts_at=starts_at,
        place=place,
        needed=needed,
        created_by=person,
    )
    # The notice goes to those called whom the caller's posts serve (the push refuses anyone else).
    called = Person.objects.restrict(actor, VIEW).filter(pk__in=callout_recipients(callout).values("pk"))
    if called.exists():
        body = _("%(kind)s · %(time)s · %(place)s · %(n)s needed. Answer on the call-out page.") % {
            "kind": callout.get_kind_display(),
            "time": timezone.localtime(callout.starts_at).strftime("%Y-%m-%d %H:%M"),
            "place": place,
            "n": needed,
        }
        links.notice_send(actor, title=_("Call-out: %(title)s") % {"title": title}, body=body, persons=called)
    return callout


def _answered() -> DomainError:
    return DomainError(_("You have already answered."), code="invalid_state")


@transaction.atomic
def callout_answer(actor, *, callout: Callout, answer: str, note: str = "") -> CalloutAnswer:
    """One answer per person called: 到岗, 待命 or 不能参加."""
    person = acting_person(actor)
    callout = Callout.objects.select_for_update().get(pk=callout.pk)
    if not callout_recipients(callout).filter(pk=person.pk).exists():
        raise DomainError(_("This call-out does not call you."), code="forbidden")
    if answer not in Answer.values:
        raise DomainError(_("Answer on duty, on standby or unable to take part."), field="answer")
    note = (note or "").strip()
    if len(note) > 200:
        raise DomainError(_("At most %(n)s characters.") % {"n": 200}, field="note")
    if CalloutAnswer.objects.filter(callout=callout, person=person).exists():
        raise _answered()
    try:
        with transaction.atomic():
            return CalloutAnswer.objects.create(callout=callout, person=person, answer=answer, note=note)
    except IntegrityError:
        raise _answered() from None
