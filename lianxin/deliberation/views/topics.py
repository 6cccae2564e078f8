"""The residents' page (议事公开): the topics of his estate, raised and seconded there, and the public
meetings (阳光议事) of his estate, community and street with their votes and decisions. The estate's branch
and community read the same topics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
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
from lianxin.deliberation.forms import TopicForm
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
    return bool(getattr(user, "is_authenticated", False)) and (
        home_estate(user) is not None
        or Topic.objects.restrict(user).exists()
        or Meeting.objects.restrict(user).exists()
    )


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


@login_required
@require_GET
def topic(request, pk: int):
    user = request.user
    topic = get_for_user(Topic.objects.select_related("estate", "meeting", "raised_by", "category"), user, pk)
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
        },
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
