"""Topics (P003-07): a resident of the estate raises one (or the community, from a hot spot of cases), other
households second it, one second each; the estate's branch or the community puts it on an agenda."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.cases.models import Case, Category
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import is_under, under
from lianxin.core.scope import CHANGE
from lianxin.core.text import text_clean
from lianxin.deliberation.models import Meeting, Topic, TopicSecond, TopicStatus, Weight
from lianxin.deliberation.selectors.parties import estate_branch


def _home_path(actor) -> str:
    person = actor.person if actor.person_id else None
    if person is None:
        return ""
    if person.household_id:
        return person.household.area_path
    return person.area_path or ""


def lives_in(actor, estate: Area) -> bool:
    path = _home_path(actor)
    return bool(path) and is_under(path, estate.path)


def keeps(actor, estate: Area) -> bool:
    """The estate's staff: a post that may change the estate (the community, its grid worker, its branch)."""
    return Area.objects.restrict(actor, CHANGE).filter(pk=estate.pk).exists()


@transaction.atomic
def topic_raise(
    actor,
    *,
    estate: Area,
    title: str,
    description: str = "",
    weight: str = Weight.IMPORTANT,
    category: Category | None = None,
    cases=None,
) -> Topic:
    """Raise a topic at an estate: by one of its residents, or by its staff. With a category and no cases
    named, the estate's cases of that category the raiser sees are linked (the hot spot behind it)."""
    if estate is None or estate.level != Level.ESTATE:
        raise DomainError(_("Choose the estate the topic is for."), field="estate")
    if not (lives_in(actor, estate) or keeps(actor, estate)):
        raise DomainError(
            _("Only the estate's residents, its branch and its community raise topics here."),
            code="forbidden",
        )
    title = text_clean(title or "").strip()[:100]
    if not title:
        raise DomainError(_("Give the topic a title."), field="title")
    if weight not in Weight.values:
        raise DomainError(_("Choose whether it is a major, hard or important matter."), field="weight")
    topic = Topic.objects.create(
        estate=estate,
        party_org=estate_branch(estate),
        title=title,
        description=text_clean(description or "").strip(),
        weight=weight,
        category=category,
        raised_by=actor.person,
    )
    if cases is None and category is not None:
        cases = Case.objects.restrict(actor).filter(under("area_path", estate.path), category=category)
    if cases is not None:
        topic.cases.set(list(cases))
    return topic


@transaction.atomic
def topic_second(actor, *, topic: Topic) -> TopicSecond:
    """One second per household: again is refused (409)."""
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if not lives_in(actor, topic.estate) or not actor.person.household_id:
        raise DomainError(_("Only households of the estate second its topics."), code="forbidden")
    if topic.status != TopicStatus.OPEN:
        raise DomainError(_("The topic is no longer open for seconds."), code="invalid_state")
    household = actor.person.household
    if TopicSecond.objects.filter(topic=topic, household=household).exists():
        raise DomainError(_("Your household has seconded this topic already."), code="invalid_state")
    try:
        with transaction.atomic():
            second = TopicSecond.objects.create(topic=topic, household=household, person=actor.person)
    except IntegrityError:
        raise DomainError(
            _("Your household has seconded this topic already."), code="invalid_state"
        ) from None
    Topic.objects.filter(pk=topic.pk).update(seconds_count=F("seconds_count") + 1)
    return second


@transaction.atomic
def topic_schedule(actor, *, topic: Topic, meeting: Meeting) -> Topic:
    """Put the topic on a meeting's agenda (the estate branch or the community)."""
    if (
        not keeps(actor, topic.estate)
        and not Topic.objects.restrict(actor, CHANGE).filter(pk=topic.pk).exists()
    ):
        raise DomainError(
            _("Only the estate's branch and its community put topics on an agenda."), code="forbidden"
        )
    if meeting.area_id != topic.estate_id:
        raise DomainError(_("The meeting is not of the topic's estate."), field="meeting")
    topic.meeting = meeting
    topic.status = TopicStatus.ON_AGENDA
    topic.save(update_fields=["meeting", "status"])
    return topic


@transaction.atomic
def topic_close(actor, *, topic: Topic, outcome: str, status: str = TopicStatus.DECIDED) -> Topic:
    if not keeps(actor, topic.estate):
        raise DomainError(
            _("Only the estate's branch and its community record a topic's outcome."), code="forbidden"
        )
    if status not in (TopicStatus.DECIDED, TopicStatus.DROPPED):
        raise DomainError(_("Choose the outcome."), field="status")
    outcome = text_clean(outcome or "").strip()
    if not outcome:
        raise DomainError(_("Say what came of it."), field="outcome")
    topic.outcome = outcome
    topic.status = status
    topic.save(update_fields=["outcome", "status"])
    return topic
