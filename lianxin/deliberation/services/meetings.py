"""Recording a meeting, its parties, votes and decisions (each a task through ``supervision.task_issue``) and
the matters raised at it (each a case through ``cases.case_report`` with the kind's intake channel)."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.cases.models import Case, Category, Channel
from lianxin.cases.services import case_report
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import require
from lianxin.core.text import text_clean
from lianxin.deliberation.models import (
    Decision,
    Meeting,
    MeetingKind,
    MeetingLevel,
    MeetingMatter,
    MeetingParty,
    PartyRole,
    Topic,
    TopicStatus,
    Vote,
)
from lianxin.deliberation.permissions import MEETING_DECIDE, MEETING_RECORD
from lianxin.deliberation.selectors.parties import estate_branch, estate_company, estate_owners_committee
from lianxin.people.models import OrganisationKind, Post

# Where a kind of each level may be held.
LEVEL_AREAS = {
    MeetingLevel.COUNTY: {Level.COUNTY, Level.CITY},
    MeetingLevel.STREET: {Level.STREET, Level.TOWNSHIP},
    MeetingLevel.COMMUNITY: {Level.COMMUNITY, Level.VILLAGE},
    MeetingLevel.ESTATE: {Level.ESTATE, Level.GRID},
    MeetingLevel.GRID: {Level.ESTATE, Level.GRID, Level.VILLAGE},
    MeetingLevel.VILLAGE: {Level.VILLAGE, Level.CLUSTER},
}
DECISION_CATEGORY = "task_governance_decision"


def _text(value, limit: int) -> str:
    return text_clean(str(value or "")).strip()[:limit]


def _convener_post(actor, area: Area):
    if not actor.person_id:
        return None
    for post in Post.objects.current().filter(person_id=actor.person_id).exclude(area_path="").order_by("id"):
        if area.path.startswith(post.area_path):
            return post
    return None


def _party_check(kind: MeetingKind, area: Area, party: dict) -> MeetingParty:
    role = party.get("role")
    if role not in PartyRole.values:
        raise DomainError(_("Choose the party's role."), field="parties")
    organisation = party.get("organisation")
    wrong_committee = organisation is not None and (
        organisation.kind != OrganisationKind.OWNERS_COMMITTEE or organisation.estate_id != area.pk
    )
    if role == PartyRole.OWNERS_COMMITTEE and wrong_committee:
        raise DomainError(
            _("%(name)s is not the owners' committee of %(estate)s.")
            % {"name": organisation.name, "estate": area.name},
            field="parties",
        )
    if role == PartyRole.PROPERTY_COMPANY and organisation is not None and area.level == Level.ESTATE:
        company = estate_company(area)
        if company is None or company.pk != organisation.pk:
            raise DomainError(
                _("%(name)s does not serve %(estate)s now.")
                % {"name": organisation.name, "estate": area.name},
                field="parties",
            )
    person = party.get("person")
    party_org = party.get("party_org")
    name = _text(party.get("name"), 100) or str(organisation or party_org or person or "")
    if not name:
        raise DomainError(_("Name each party."), field="parties")
    return MeetingParty(
        role=role,
        name=name,
        person=person,
        organisation=organisation,
        party_org=party_org,
        attended=bool(party.get("attended", True)),
    )


def parties_missing(kind: MeetingKind, parties: list[MeetingParty]) -> list[str]:
    """The labels of the kind's required parties nobody present stands for (四方联动: 业主委员会 …)."""
    present = {p.role for p in parties if p.attended}
    return [str(PartyRole(role).label) for role in kind.parties if role not in present]


@transaction.atomic
def meeting_record(
    actor,
    *,
    kind: MeetingKind,
    area: Area,
    title: str,
    held_on: datetime | None,
    minutes: str = "",
    place: str = "",
    is_public: bool = False,
    parties: list[dict] = (),
    attendance: int | None = None,
    body: str = "",
    party_org=None,
    schedule=None,
) -> Meeting:
    """Record a held meeting with its parties; the kind's required parties must be present
    (四方联动缺少：…)."""
    if kind is None:
        raise DomainError(_("Choose the kind of meeting."), field="kind")
    if area is None:
        raise DomainError(_("Choose where the meeting was held."), field="area")
    require(actor, MEETING_RECORD, area)
    allowed = LEVEL_AREAS.get(kind.level)
    if allowed is not None and area.level not in allowed:
        raise DomainError(
            _("A %(kind)s is held at the %(level)s level.")
            % {"kind": kind.name, "level": kind.get_level_display()},
            field="area",
        )
    if held_on is None:
        raise DomainError(_("Give the time the meeting was held."), field="held_on")
    title = _text(title, 100) or f"{area.name}{kind.name}"
    seated = [_party_check(kind, area, p) for p in parties]
    missing = parties_missing(kind, seated)
    if missing:
        raise DomainError(
            _("%(kind)s is missing: %(parties)s") % {"kind": kind.name, "parties": "、".join(missing)},
            field="parties",
        )
    if party_org is None and area.level == Level.ESTATE:
        party_org = estate_branch(area)
    meeting = Meeting.objects.create(
        kind=kind,
        area=area,
        party_org=party_org,
        body=_text(body, 100),
        schedule=schedule,
        title=title,
        held_on=held_on,
        place=_text(place, 100),
        convener=actor.person,
        convener_post=_convener_post(actor, area),
        minutes=text_clean(minutes or "").strip(),
        is_public=bool(is_public),
        attendance=attendance if attendance is not None else sum(1 for p in seated if p.attended),
        created_by=actor,
    )
    for party in seated:
        party.meeting = meeting
    MeetingParty.objects.bulk_create(seated)
    return meeting


def four_party_defaults(estate: Area) -> list[dict]:
    """The estate's branch, owners' committee and current property company, as parties of a meeting."""
    found = [
        (PartyRole.BRANCH, {"party_org": estate_branch(estate)}),
        (PartyRole.OWNERS_COMMITTEE, {"organisation": estate_owners_committee(estate)}),
        (PartyRole.PROPERTY_COMPANY, {"organisation": estate_company(estate)}),
    ]
    return [{"role": role, **link} for role, link in found if next(iter(link.values())) is not None]


@transaction.atomic
def meeting_party_add(actor, *, meeting: Meeting, party: dict) -> MeetingParty:
    require(actor, MEETING_RECORD, meeting.area)
    row = _party_check(meeting.kind, meeting.area, party)
    row.meeting = meeting
    row.save()
    return row


@transaction.atomic
def meeting_attendance_mark(actor, *, party: MeetingParty, attended: bool) -> MeetingParty:
    require(actor, MEETING_RECORD, party.meeting.area)
    party.attended = bool(attended)
    party.save(update_fields=["attended"])
    return party


def _count(value, field: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Give the number of votes."), field=field) from None
    if number < 0 or number > 100000:
        raise DomainError(_("Give the number of votes."), field=field)
    return number


@transaction.atomic
def vote_record(
    actor,
    *,
    meeting: Meeting,
    question: str,
    votes_for,
    votes_against,
    votes_abstain=0,
    topic: Topic | None = None,
) -> Vote:
    require(actor, MEETING_RECORD, meeting.area)
    question = _text(question, 200)
    if not question:
        raise DomainError(_("Say what was put to the vote."), field="question")
    if topic is not None and topic.estate_id != meeting.area_id:
        raise DomainError(_("The topic is not of this meeting's estate."), field="topic")
    return Vote.objects.create(
        meeting=meeting,
        topic=topic,
        question=question,
        votes_for=_count(votes_for, "votes_for"),
        votes_against=_count(votes_against, "votes_against"),
        votes_abstain=_count(votes_abstain or 0, "votes_abstain"),
    )


def _owner_name(owner: dict) -> str:
    return str(next(iter(owner.values())))


@transaction.atomic
def decision_record(
    actor,
    *,
    meeting: Meeting,
    text: str,
    owner: dict | None,
    working_days=None,
    due: datetime | None = None,
    vote: Vote | None = None,
    topic: Topic | None = None,
) -> Decision:
    """A decision with its owner and deadline, issued as a task (会议决定事项) to that owner: followed to done
    or overdue by the engine; the one who records it accepts it (验收)."""
    from lianxin.supervision.services.tasks import task_issue

    require(actor, MEETING_DECIDE, meeting.area)
    owner = {k: v for k, v in (owner or {}).items() if v is not None}
    if not owner or (working_days in (None, "") and due is None):
        raise DomainError(
            _("A decision needs an owner and a deadline."), field="owner" if not owner else "working_days"
        )
    text = _text(text, 200)
    if not text:
        raise DomainError(_("Say what was decided."), field="text")
    if vote is not None:
        if vote.meeting_id != meeting.pk:
            raise DomainError(_("The vote is not of this meeting."), field="vote")
        if not vote.passed:
            raise DomainError(
                _("The vote did not pass: no decision can follow from it."),
                field="vote",
                code="invalid_state",
            )
        topic = topic or vote.topic
    case = task_issue(
        actor,
        category=DECISION_CATEGORY,
        area=meeting.area,
        title=text,
        description=_("Decided at %(meeting)s on %(day)s.")
        % {"meeting": meeting.title, "day": f"{meeting.held_on:%Y-%m-%d}"},
        handler=owner,
        working_days=working_days,
        due=due,
    )
    decision = Decision.objects.create(
        meeting=meeting, topic=topic, vote=vote, text=text, owner_name=_owner_name(owner), case=case
    )
    if topic is not None and topic.status != TopicStatus.DECIDED:
        topic.status = TopicStatus.DECIDED
        topic.meeting = topic.meeting or meeting
        topic.save(update_fields=["status", "meeting"])
    return decision


def matter_channel(kind: MeetingKind) -> str:
    return kind.channel if kind.channel in Channel.values else Channel.TALK


@transaction.atomic
def matter_raise(
    actor,
    *,
    meeting: Meeting,
    category: Category | None,
    description: str,
    raised_by: str = "",
    title: str = "",
    handle_self: bool = False,
) -> MeetingMatter:
    """A matter raised at the meeting: a case through the kind's channel (居民说事 TALK, 乡村夜话
    EVENING_TALK), at the meeting's place, routed like any other (or, ``handle_self``, taken by the worker who
    records it); the meeting lists it with its state."""
    require(actor, MEETING_RECORD, meeting.area)
    if category is None:
        raise DomainError(_("Choose the matter's category."), field="category")
    description = _text(description, 2000)
    if not description:
        raise DomainError(_("Say what was raised."), field="description")
    case = case_report(
        actor,
        category=category,
        area=meeting.area,
        title=_text(title, 100),
        description=description,
        channel=matter_channel(meeting.kind),
        contact_name=_text(raised_by, 50),
        handle_self=handle_self,
    )
    return MeetingMatter.objects.create(meeting=meeting, case=case, raised_by=_text(raised_by, 50))


def matters_closed_since(meeting: Meeting) -> list[MeetingMatter]:
    """Matters of the earlier sessions of the same kind at the same place, and whether each is closed now:
    what the next session goes through first."""
    earlier = (
        MeetingMatter.objects.filter(
            meeting__kind_id=meeting.kind_id,
            meeting__area_id=meeting.area_id,
            meeting__held_on__lt=meeting.held_on,
        )
        .select_related("case", "meeting")
        .order_by("meeting__held_on", "id")
    )
    return list(earlier)


def case_is_closed(case: Case) -> bool:
    from lianxin.cases.models import State

    return case.state == State.CLOSED
