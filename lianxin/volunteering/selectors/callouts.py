"""Reads of call-outs: who a call-out calls, the call-outs a user may see or is called by, and the counts
per answer the staff's page and the API show."""

from django.db.models import Count

from lianxin.core.scope import VIEW, under
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role
from lianxin.volunteering.models import Answer, Callout, CalloutAnswer, TeamMember
from lianxin.volunteering.models.callouts import called_q


def callout_recipients(callout: Callout):
    """The persons called: the team's current members, or the current volunteers of the area's subtree."""
    if callout.team_id:
        ids = TeamMember.objects.filter(team_id=callout.team_id, left_on__isnull=True).values("person_id")
    else:
        ids = (
            Post.objects.current()
            .filter(under("area_path", callout.area_path), role=Role.VOLUNTEER)
            .values("person_id")
        )
    return Person.objects.filter(pk__in=ids)


def callouts_for(*, user, root=None, action: str = VIEW):
    rows = Callout.objects.restrict(user, action).select_related("team", "area", "created_by")
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    return rows


def callouts_mine(*, user):
    """The call-outs that call the user, newest first, each with his answer (or None)."""
    if not user.is_authenticated or not user.person_id:
        return []
    rows = list(
        Callout.objects.filter(called_q(user.person_id))
        .select_related("team", "area")
        .order_by("-starts_at")[:100]
    )
    answers = dict(
        CalloutAnswer.objects.filter(person_id=user.person_id, callout__in=rows).values_list(
            "callout_id", "answer"
        )
    )
    for callout in rows:
        callout.my_answer = answers.get(callout.pk)
        callout.my_answer_label = Answer(callout.my_answer).label if callout.my_answer else ""
    return rows


def callout_counts(callout: Callout) -> dict:
    """Per answer, the count; and those called, answered and not yet answered."""
    per = dict(CalloutAnswer.objects.filter(callout=callout).values_list("answer").annotate(n=Count("pk")))
    called = callout_recipients(callout).count()
    answered = sum(per.values())
    return {
        "answers": [
            {"answer": value, "label": label, "count": per.get(value, 0)} for value, label in Answer.choices
        ],
        "called": called,
        "answered": answered,
        "unanswered": max(called - answered, 0),
        "on_duty": per.get(Answer.ON_DUTY, 0),
        "needed": callout.needed,
    }


def callout_answers(*, user, callout: Callout):
    """The answers the user may see: all of them for staff over the area, his own for a volunteer."""
    return (
        CalloutAnswer.objects.restrict(user).filter(callout=callout).select_related("person").order_by("id")
    )
