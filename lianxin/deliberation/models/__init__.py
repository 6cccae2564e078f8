# Every model of the app, imported here: other apps import from lianxin.deliberation.models.
from lianxin.deliberation.models.kinds import MeetingKind, MeetingLevel, MeetingSchedule, PartyRole
from lianxin.deliberation.models.meetings import (
    Decision,
    Meeting,
    MeetingMatter,
    MeetingParty,
    MissedMeeting,
    Vote,
)
from lianxin.deliberation.models.rota import DeputyType, RotaWeek
from lianxin.deliberation.models.topics import Topic, TopicSecond, TopicStatus, Weight

__all__ = [
    "Decision",
    "DeputyType",
    "Meeting",
    "MeetingKind",
    "MeetingLevel",
    "MeetingMatter",
    "MeetingParty",
    "MeetingSchedule",
    "MissedMeeting",
    "PartyRole",
    "RotaWeek",
    "Topic",
    "TopicSecond",
    "TopicStatus",
    "Vote",
    "Weight",
]

# Records people rely on: each create and change is an audit record (apps.ready()).
AUDITED = [
    Meeting,
    MeetingParty,
    Vote,
    Decision,
    MeetingMatter,
    Topic,
    TopicSecond,
    RotaWeek,
    MeetingSchedule,
]
