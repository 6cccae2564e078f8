"""Call-outs: the staff's list and form (召集 a team or an area's volunteers), a call-out's page with the
count per answer, and the volunteer's own list (我的召集) where he answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.volunteering import selectors, services
from lianxin.volunteering.forms import AnswerForm, CalloutForm
from lianxin.volunteering.models import Callout, CalloutAnswer, TeamMember
from lianxin.volunteering.permissions import has_person, is_staff, is_volunteer
from lianxin.volunteering.views.common import error_page, form_run, require
from lianxin.volunteering.views.teams import TEAM_LEVELS


def is_called(user) -> bool:
    """Who has a call-out list: volunteers and the members of a team."""
    return has_person(user) and (
        is_volunteer(user)
        or TeamMember.objects.filter(person_id=user.person_id, left_on__isnull=True).exists()
    )


@login_required
@require_http_methods(["GET", "POST"])
def callouts(request):
    user = request.user
    require(is_staff(user))
    form = CalloutForm(
        request.POST or None,
        teams=selectors.teams_for(user=user, action=CHANGE).order_by("name"),
        areas=Area.objects.restrict(user, CHANGE).filter(level__in=TEAM_LEVELS, retired_on__isnull=True),
    )
    done, status = form_run(
        request,
        form,
        lambda data: services.callout_create(user, **data),
        success=_("The call-out has been sent."),
        then=lambda callout: reverse("volunteering:callout", args=[callout.pk]),
    )
    if done:
        return done
    rows = selectors.callouts_for(user=user).order_by("-starts_at", "-id")[:100]
    return render(request, "volunteering/callouts.html", {"form": form, "rows": rows}, status=status)


@login_required
@require_GET
def callouts_mine(request):
    user = request.user
    require(is_called(user))
    return render(
        request,
        "volunteering/callouts_mine.html",
        {"rows": selectors.callouts_mine(user=user), "form": AnswerForm()},
    )


@login_required
@require_GET
def callout(request, pk: int):
    user = request.user
    callout = get_for_user(Callout, user, pk)
    called = selectors.callout_recipients(callout).filter(pk=user.person_id).exists()
    mine = CalloutAnswer.objects.filter(callout=callout, person_id=user.person_id).first()
    return render(
        request,
        "volunteering/callout.html",
        {
            "callout": callout,
            "counts": selectors.callout_counts(callout),
            "answers": selectors.callout_answers(user=user, callout=callout),
            "form": AnswerForm() if called and mine is None else None,
            "mine": mine,
        },
    )


@login_required
@require_POST
def callout_answer(request, pk: int):
    user = request.user
    callout = get_for_user(Callout, user, pk)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Answer on duty, on standby or unable to take part."), field="answer")
        services.callout_answer(user, callout=callout, **form.cleaned_data)
    except DomainError as error:
        return error_page(request, error, "volunteering:callouts_mine")
    messages.success(request, _("Your answer has been recorded."))
    return redirect("volunteering:callout", pk=callout.pk)
