"""A case's page: what it is, where it stands, its whole trail with photos, and the steps the user may take
on it now, each a small form posted to its service.

Which forms appear is ``transitions.allowed_steps``, read from the same table and helpers the services
check (the API returns the same list); the services decide. A refused or invalid step comes back as the
page (or, under HTMX, the case's body) with the Chinese message on the form and the status of the refusal
(400, 403, 409), the input kept.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from lianxin.cases import forms, services
from lianxin.cases.models import Case, Kind
from lianxin.cases.selectors import (
    case_claims,
    case_duplicates,
    case_events,
    case_get_for_user,
    case_summoned,
)

# The steps offered are those of the transitions table the services check (cases/transitions.py).
from lianxin.cases.transitions import allowed_steps, can_take
from lianxin.cases.views import queries
from lianxin.cases.views.common import (
    error_status,
    form_error,
    form_messages,
    is_htmx,
    new_key,
    photos_from,
    photos_kept,
    posted_key,
)
from lianxin.core.errors_domain import DomainError
from lianxin.core.masking import mask_mobile
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, grants_for
from lianxin.people.models import Organisation


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    form: type
    run: Callable  # (user, case, form, key, photos) -> Case
    kwargs: Callable = field(default=lambda user, case: {})
    photos: bool = False
    primary: bool = False
    kind_labels: dict = field(default_factory=dict)  # another name for the step on some kinds (验收)

    def label_for(self, case) -> str:
        return self.kind_labels.get(case.kind, self.label)

    def make_form(self, user, case, data=None):
        # Each step's form has its own ids: several forms share the page.
        return self.form(data, auto_id=f"{self.name}-%s", **self.kwargs(user, case))


def _dispatch(user, case, form, key, photos):
    value = form.cleaned_data["target"]
    common = {"note": form.cleaned_data["note"], "handle_due": form.cleaned_data["handle_due"]}
    if value == "auto":
        return services.case_dispatch(user, case=case, auto=True, idempotency_key=key, **common)
    target = next(t for t in queries.dispatch_targets(case, user) if t.value == value)
    return services.case_dispatch(
        user, case=case, idempotency_key=key, **common, **{target.group: target.obj}
    )


def _whistle(user, case, form, key, photos):
    options = {t.value: t.obj for t in queries.whistle_departments(case)}
    return services.case_whistle(
        user,
        case=case,
        lead=options[form.cleaned_data["lead"]],
        assists=[options[v] for v in form.cleaned_data["assists"]],
        note=form.cleaned_data["note"],
        idempotency_key=key,
    )


def _merge(user, case, form, key, photos):
    data = form.cleaned_data
    pk = int(data["into"]) if data.get("into") else Case.pk_from_number(data.get("number", ""))
    if not pk:
        raise DomainError(_("Choose the case to merge into, or type its number."), field="number")
    try:
        into = case_get_for_user(user=user, pk=pk)
    except Http404:
        raise DomainError(_("No case with this number among those you may see."), field="number") from None
    return services.case_merge(user, case=case, into=into, note=data["note"], idempotency_key=key)


def _claim_organisations(user):
    """The organisations the user may claim for: those he holds a post in."""
    return list(
        Organisation.objects.filter(pk__in=sorted(grants_for(user).organisation_ids[CHANGE])).order_by("name")
    )


def _claiming(service):
    def run(user, case, form, key, photos):
        organisation = form.organisation(_claim_organisations(user))
        return service(
            user, case=case, organisation=organisation, note=form.cleaned_data["note"], idempotency_key=key
        )

    return run


def _with(service, *fields, photos: bool = False, **derived):
    """A step's runner: the service called with the form's ``fields`` by name, the values ``derived`` from
    the form (``name=function(form)``) and, for steps that take them, the photos."""

    def run(user, case, form, key, photo_ids):
        kwargs = {name: form.cleaned_data[name] for name in fields}
        kwargs.update({name: derive(form) for name, derive in derived.items()})
        if photos:
            kwargs["photos"] = photo_ids
        return service(user, case=case, idempotency_key=key, **kwargs)

    return run


def _yes(name: str):
    return lambda form: form.cleaned_data[name] == "yes"


STEPS = {
    s.name: s
    for s in [
        Step("take", gettext_lazy("Take"), forms.NoteForm, _with(services.case_take, "note"), primary=True),
        Step(
            "accept",
            gettext_lazy("Accept"),
            forms.NoteForm,
            _with(services.case_accept, "note"),
            primary=True,
        ),
        Step(
            "dispatch",
            gettext_lazy("Dispatch"),
            forms.DispatchForm,
            _dispatch,
            kwargs=lambda user, case: {"targets": queries.dispatch_targets(case, user)},
            primary=True,
        ),
        Step(
            "reject", gettext_lazy("Do not accept"), forms.ReasonForm, _with(services.case_reject, "reason")
        ),
        Step(
            "mediate",
            gettext_lazy("Record a mediation session"),
            forms.MediateForm,
            _with(services.case_mediate, "note", "participants"),
        ),
        Step(
            "handle",
            gettext_lazy("Record the handling"),
            forms.HandleForm,
            _with(
                services.case_handle,
                "note",
                photos=True,
                outcome=lambda form: form.cleaned_data.get("outcome", ""),
                consultation=lambda form: form.consultation(),
            ),
            kwargs=lambda user, case: {"case": case},
            photos=True,
            primary=True,
        ),
        Step(
            "respond",
            gettext_lazy("Report to the whistle"),
            forms.NoteForm,
            _with(services.case_respond, "note"),
            primary=True,
        ),
        Step(
            "verify",
            gettext_lazy("Verify"),
            forms.VerifyForm,
            _with(services.case_verify, "note", photos=True, passed=_yes("passed")),
            kwargs=lambda user, case: {"case": case},
            photos=True,
            primary=True,
            kind_labels={Kind.TASK: gettext_lazy("Accept the result")},
        ),
        Step(
            "rate",
            gettext_lazy("Rate the result"),
            forms.RateForm,
            _with(services.case_rate, "rating", "stars", "note"),
            primary=True,
        ),
        Step("escalate", gettext_lazy("Escalate"), forms.NoteForm, _with(services.case_escalate, "note")),
        Step("return", gettext_lazy("Return"), forms.ReasonForm, _with(services.case_return, "reason")),
        Step(
            "extend_request",
            gettext_lazy("Request an extension"),
            forms.ExtendRequestForm,
            _with(services.case_extend_request, "days", "reason"),
        ),
        Step(
            "extend_decide",
            gettext_lazy("Decide the extension"),
            forms.DecideForm,
            _with(services.case_extend_decide, "note", approve=_yes("decision")),
            primary=True,
        ),
        Step(
            "return_dispute",
            gettext_lazy("Dispute the return"),
            forms.NoteForm,
            _with(services.case_return_dispute, "note"),
        ),
        Step(
            "return_decide",
            gettext_lazy("Decide the disputed return"),
            forms.DecideForm,
            _with(services.case_return_decide, "note", upheld=_yes("decision")),
            primary=True,
        ),
        Step(
            "whistle",
            gettext_lazy("Whistle for departments"),
            forms.WhistleForm,
            _whistle,
            kwargs=lambda user, case: {"departments": queries.whistle_departments(case)},
        ),
        Step(
            "merge",
            gettext_lazy("Merge into another case"),
            forms.MergeForm,
            _merge,
            kwargs=lambda user, case: {"candidates": case_duplicates(user=user, case=case)},
        ),
        Step(
            "claim",
            gettext_lazy("Claim"),
            forms.ClaimForm,
            _claiming(services.case_claim),
            kwargs=lambda user, case: {"organisations": _claim_organisations(user)},
            primary=True,
        ),
        Step(
            "claim_withdraw",
            gettext_lazy("Withdraw the claim"),
            forms.ClaimForm,
            _claiming(services.case_claim_withdraw),
            kwargs=lambda user, case: {"organisations": _claim_organisations(user)},
        ),
        Step("supervise", gettext_lazy("Supervise"), forms.NoteForm, _with(services.case_supervise, "note")),
        Step("reopen", gettext_lazy("Reopen"), forms.ReasonForm, _with(services.case_reopen, "reason")),
        Step(
            "comment",
            gettext_lazy("Comment"),
            forms.CommentForm,
            _with(services.case_comment, "note", "is_public"),
        ),
    ]
}


def _context(request, case: Case, *, bound=None, failed: str = "", photos=(), done: str = "") -> dict:
    user = request.user
    names = allowed_steps(user, case)
    step_forms = {}
    for name in names:
        step = STEPS[name]
        if name == failed and bound is not None:
            step_forms[name] = bound
        else:
            step_forms[name] = step.make_form(user, case)
    works_on = may(user, "case.handle")
    steps = [
        {
            "name": name,
            "label": STEPS[name].label_for(case),
            "form": step_forms[name],
            "photos": STEPS[name].photos,
            "primary": STEPS[name].primary,
            "open": name == failed,
            "key": posted_key(request) if name == failed else new_key(),
            "kept": photos if name == failed else [],
        }
        for name in names
    ]
    # A refused step whose form is no longer offered (the case moved on) still says why, at the top.
    lost = failed and failed not in names and bound is not None
    return {
        "case": case,
        "step_error": form_messages(bound) if lost else "",
        "events": case_events(user=user, case=case),
        "steps": steps,
        "failed": failed,
        "done": done,
        "links": queries.case_links(user, case),
        "assignments": case_summoned(case=case),
        "claims": [c for c in case_claims(case=case) if c.is_live],
        "works_on": works_on,
        "contact_phone": mask_mobile(case.contact_phone) if works_on else "",
        "report_photos": list(case.photos.filter(event__seq=1)),
    }


def _render(request, case, *, status=200, **kwargs):
    template = "cases/_case_body.html" if is_htmx(request) else "cases/detail.html"
    return render(request, template, _context(request, case, **kwargs), status=status)


@login_required
@require_GET
def case_detail(request, pk: int):
    case = case_get_for_user(user=request.user, pk=pk)
    return _render(request, case)


@login_required
@require_POST
def case_step(request, pk: int, name: str):
    """Take one step on a case through its service; the same key twice makes one step."""
    user = request.user
    case = case_get_for_user(user=user, pk=pk)
    step = STEPS.get(name)
    if step is None:
        raise Http404
    form = step.make_form(user, case, request.POST)
    photo_ids, status = [], 400
    if step.photos:
        photo_ids, photo_error = photos_from(request, user)
    else:
        photo_error = None
    if photo_error:
        form.is_valid()
        form_error(form, photo_error)
    elif form.is_valid():
        try:
            step.run(user, case, form, posted_key(request), photo_ids)
        except DomainError as error:
            form_error(form, error)
            status = error_status(error)
        else:
            return _after_step(request, case, step)
    if _wants_row(request):
        return render(request, "cases/_queue_row.html", _row_context(request, case, form=form), status=status)
    return _render(request, case, status=status, bound=form, failed=name, photos=photos_kept(user, photo_ids))


def _after_step(request, case: Case, step: Step):
    done = _("Done: %(step)s.") % {"step": step.label_for(case)}
    try:
        case = case_get_for_user(user=request.user, pk=case.pk)
    except Http404:
        # The step sent the case out of the user's reach (e.g. returned by one who saw it as its handler).
        messages.success(request, done)
        return redirect("cases:queue")
    if _wants_row(request):
        return render(request, "cases/_queue_row.html", _row_context(request, case, done=done))
    if is_htmx(request):
        return _render(request, case, done=done)
    messages.success(request, done)
    return redirect("cases:detail", pk=case.pk)


def _wants_row(request) -> bool:
    """The queue's 接单 button swaps its own row; without HTMX the case page opens instead."""
    return request.POST.get("return_to") == "row" and is_htmx(request)


def _row_context(request, case: Case, *, form=None, done: str = "") -> dict:
    return {
        "case": case,
        "can_take": can_take(request.user, case),
        "key": new_key() if form is None else posted_key(request),
        "row_error": form_messages(form) if form is not None else "",
        "done": done,
    }
