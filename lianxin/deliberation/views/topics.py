"""The residents' page (议事公开): the topics of his estate, raised and seconded there, and the public
meetings (阳光议事) of his estate, community and street with their votes and decisions. The estate's branch
and community read the same topics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area, Level
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import ancestor_path, path_depth
from lianxin.core.scope import get_for_user
from lianxin.deliberation.forms import AgendaForm, OutcomeForm, TopicForm
from lianxin.deliberation.models import Meeting, Topic
from lianxin.deliberation.selectors.meetings import MeetingFilters, meetings_for
from lianxin.deliberation.selectors.topics import seconded_by_household, topics_for
from lianxin.deliberation.services import topics as services
from lianxin.deliberation.views.common import form_run


def home_estate(user) -> Area | None:
    """The estate the user lives in (his household's), or None."""
    if not getattr(user, "person_id", None):
        return None
    person = user.person
    path = person.household.area_path if person.household_id else person.area_path
    if not path:
        return None
    for depth in range(path_depth(path), 0, -1):
        area = Area.objects.filter(path=ancestor_path(path, depth), level=Level.ESTATE).first()
        if area is not None:
            return area
    return None


def sees_topics(user) -> bool:
    """The menu shows 议事协商 to everyone with a person (residents on their phones, staff): no query in the
    page frame; the page shows what his home and scope hold."""
    return bool(getattr(user, "is_authenticated", False) and user.person_id)


@login_required
@require_http_methods(["GET", "POST"])
def home(request):
    """议事公开: a resident's estate's topics (raise, second) and the public meetings he may read."""
    user = request.user
    estate = home_estate(user)
    form = TopicForm(request.POST or None) if estate is not None else None
    if request.method == "POST" and form is None:
        raise Http404
    done, status = form_run(
        request,
        form,
        lambda d: services.topic_raise(
            user, estate=estate, title=d["title"], weight=d["weight"], description=d["description"]
        ),
        success=_("The topic has been raised; neighbours can second it now."),
        then=lambda t: reverse("deliberation:topic", args=[t.pk]),
    )
    if done:
        return done
    topics = topics_for(user=user, estate=estate) if estate is not None else topics_for(user=user)
    topics = topics[:200]
    public = meetings_for(user=user, filters=MeetingFilters(public_only=True)).order_by("-held_on")[:50]
    return render(
        request,
        "deliberation/home.html",
        {
            "estate": estate,
            "form": form,
            "topics": topics,
            "topic_count": len(topics),
            "seconded": seconded_by_household(user=user, topics=topics),
            "public_meetings": list(public),
        },
        status=status,
    )


def _topic_forms(request, topic, posted: str = ""):
    """The estate's branch and community put the topic on a meeting's agenda and record its outcome."""
    if not services.keeps(request.user, topic.estate):
        return {"agenda_form": None, "outcome_form": None}
    data = request.POST if request.method == "POST" else None
    meetings = Meeting.objects.restrict(request.user).filter(area=topic.estate).order_by("-held_on")
    return {
        "agenda_form": AgendaForm(data if posted == "agenda" else None, meetings=meetings),
        "outcome_form": OutcomeForm(data if posted == "outcome" else None),
    }


def _topic_page(request, topic, forms, status=200):
    user = request.user
    return render(
        request,
        "deliberation/topic.html",
        {
            "topic": topic,
            "cases": topic.cases.order_by("-reported_at")[:50],
            "case_count": topic.cases.count(),
            "seconded": bool(seconded_by_household(user=user, topics=[topic])),
            "may_second": services.lives_in(user, topic.estate) and bool(user.person.household_id),
            "decisions": topic.decisions.select_related("case", "meeting"),
            "open_cases": services.keeps(user, topic.estate),
            **forms,
        },
        status=status,
    )


def _get_topic(request, pk):
    return get_for_user(
        Topic.objects.select_related("estate", "meeting", "raised_by", "category"), request.user, pk
    )


@login_required
@require_GET
def topic(request, pk: int):
    topic = _get_topic(request, pk)
    return _topic_page(request, topic, _topic_forms(request, topic))


def _topic_post(request, pk: int, which: str, run, success: str):
    topic = _get_topic(request, pk)
    forms = _topic_forms(request, topic, which)
    form = forms[f"{which}_form"]
    if form is None:
        raise PermissionDenied
    done, status = form_run(
        request,
        form,
        lambda d: run(topic, d),
        success=success,
        then=lambda _t: reverse("deliberation:topic", args=[pk]),
    )
    return done or _topic_page(request, topic, forms, status)


@login_required
@require_POST
def topic_agenda(request, pk: int):
    return _topic_post(
        request,
        pk,
        "agenda",
        lambda t, d: services.topic_schedule(request.user, topic=t, meeting=d["meeting"]),
        _("The topic is on the meeting's agenda."),
    )


@login_required
@require_POST
def topic_outcome(request, pk: int):
    return _topic_post(
        request,
        pk,
        "outcome",
        lambda t, d: services.topic_close(request.user, topic=t, outcome=d["outcome"], status=d["status"]),
        _("The outcome has been recorded."),
    )


@login_required
@require_POST
def topic_second(request, pk: int):
    topic = get_for_user(Topic, request.user, pk)
    try:
        services.topic_second(request.user, topic=topic)
    except DomainError as error:
        messages.error(request, error.message)
        return render(
            request,
            "deliberation/refused.html",
            {"message": error.message, "back": reverse("deliberation:topic", args=[topic.pk])},
            status=pages.error_status(error),
        )
    messages.success(request, _("Seconded. Thank you."))
    return redirect(reverse("deliberation:topic", args=[topic.pk]))
