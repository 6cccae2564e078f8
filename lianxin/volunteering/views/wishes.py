"""微心愿 on the phone (360 px): a resident's own wishes and the form to make one; a volunteer's open wishes
of his community to claim and his claims. Fulfilling and confirming are steps of the case page, where the
case loop offers them to the handler and to the resident."""

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.cases.models import Case, State
from lianxin.cases.models.cases import CLAIMABLE_STATES
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import get_for_user
from lianxin.volunteering.permissions import has_person, is_staff
from lianxin.volunteering.services.wishes import (
    wish_assign,
    wish_categories,
    wish_claim,
    wish_confirm,
    wish_file,
    wish_fulfil,
    wish_screen,
)
from lianxin.volunteering.views.common import error_page, form_run, require
from lianxin.volunteering.wishes import PROJECT_ROOT, has_reported, project_hours


class WishForm(forms.Form):
    category = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Kind of wish"), empty_label=None)
    description = forms.CharField(label=gettext_lazy("What do you wish for?"), max_length=500)
    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = wish_categories()
        self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


def _wishes(user):
    return Case.objects.restrict(user).filter(category__in=wish_categories()).select_related("category")


def _projects(user):
    """The service projects (服务项目) the user's scope reaches: published by his community as tasks."""
    from lianxin.cases.models import Category

    root = Category.objects.filter(code=PROJECT_ROOT).values_list("path", flat=True).first()
    if root is None:
        return Case.objects.none()
    return (
        Case.objects.restrict(user).filter(category__path__startswith=root).select_related("category", "area")
    )


@login_required
@require_http_methods(["GET", "POST"])
def wishes(request):
    user = request.user
    require(has_person(user))
    form = WishForm(request.POST or None)
    done, status = form_run(
        request,
        form,
        lambda data: wish_file(user, **data),
        success=_("The wish has been filed."),
        then=lambda case: "volunteering:wishes",
    )
    if done:
        return done
    reported = has_reported(user.person_id)
    mine = _wishes(user).filter(reporter_id=user.person_id).order_by("-id")[:50]
    claimed = (
        _wishes(user)
        .filter(claims__person_id=user.person_id, claims__withdrawn_at__isnull=True)
        .order_by("-id")[:50]
    )
    open_wishes = (
        _wishes(user)
        .filter(state__in=sorted(CLAIMABLE_STATES), claim_count__lt=F("claim_capacity"))
        .exclude(reporter_id=user.person_id)
        .order_by("id")[:50]
        if reported
        else []
    )
    open_projects = (
        list(
            _projects(user)
            .filter(state__in=sorted(CLAIMABLE_STATES), claim_count__lt=F("claim_capacity"))
            .exclude(claims__person_id=user.person_id, claims__withdrawn_at__isnull=True)
            .order_by("id")[:50]
        )
        if reported
        else []
    )
    for project in open_projects:
        project.hours = project_hours(project)
        project.places_left = project.claim_capacity - project.claim_count
    claimed_projects = (
        _projects(user)
        .filter(claims__person_id=user.person_id, claims__withdrawn_at__isnull=True)
        .order_by("-id")[:50]
    )
    staff = is_staff(user)
    return render(
        request,
        "volunteering/wishes.html",
        {
            "form": form if user.person.area_id else None,
            # Staff screen new wishes and hand claimed ones to their claimers.
            "to_screen": _wishes(user).filter(state=State.REPORTED).order_by("id")[:50] if staff else [],
            "to_assign": (
                _wishes(user).filter(state=State.ACCEPTED, claim_count__gt=0).order_by("id")[:50]
                if staff
                else []
            ),
            "mine": mine,
            "claimed": claimed,
            "open_wishes": open_wishes,
            "open_projects": open_projects,
            "claimed_projects": claimed_projects,
            "reported": reported,
            "claim_key": uuid.uuid4().hex,
            "fulfil_states": (State.DISPATCHED, State.IN_PROGRESS),
        },
        status=status,
    )


@login_required
@require_POST
def wish_claim_view(request, pk: int):
    user = request.user
    require(has_person(user))
    is_wish = Case.objects.filter(pk=pk, category__in=wish_categories()).exists()
    if not (is_wish or _projects(user).filter(pk=pk).exists()):
        raise Http404
    try:
        if not has_reported(user.person_id):
            # Not yet reported, the wish is not his to see; the reason is what he can act on.
            raise DomainError(_("Report to your community first."), code="forbidden")
        case = get_for_user(Case, user, pk)
        wish_claim(user, case=case, idempotency_key=request.POST.get("idempotency_key", ""))
    except DomainError as error:
        return error_page(request, error, "volunteering:wishes")
    messages.success(request, _("You have claimed the wish.") if is_wish else _("Your claim is recorded."))
    return redirect("volunteering:wishes")


# What a button on the page does: (service, its keyword arguments from the form, the message shown).
STEPS = {
    "accept": (wish_screen, lambda post: {"accept": True}, gettext_lazy("The wish is up to be claimed.")),
    "reject": (
        wish_screen,
        lambda post: {"accept": False, "reason": post.get("reason", "")},
        gettext_lazy("The wish has been turned down."),
    ),
    "assign": (wish_assign, lambda post: {}, gettext_lazy("The wish has been handed to its claimer.")),
    "fulfil": (
        wish_fulfil,
        lambda post: {"note": post.get("note", "")},
        gettext_lazy("The wish is reported fulfilled."),
    ),
    "confirm": (wish_confirm, lambda post: {}, gettext_lazy("Thank you: the wish is closed.")),
}


@login_required
@require_POST
def wish_step(request, pk: int):
    """One step of a wish from the page; whether the user may take it is the case loop's rule."""
    user = request.user
    case = get_for_user(Case, user, pk)
    if not wish_categories().filter(pk=case.category_id).exists() or request.POST.get("step") not in STEPS:
        raise Http404
    service, arguments, success = STEPS[request.POST["step"]]
    try:
        service(
            user,
            case=case,
            idempotency_key=request.POST.get("idempotency_key", ""),
            **arguments(request.POST),
        )
    except DomainError as error:
        return error_page(request, error, "volunteering:wishes")
    messages.success(request, success)
    return redirect("volunteering:wishes")
