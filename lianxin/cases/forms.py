"""The forms of the case pages. They parse what a person typed or tapped; the services decide whether the
step may be taken and say why not in Chinese (``DomainError``), which the views put back on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.cases.figures import FIGURE_LABELS
from lianxin.cases.models import (
    HOUSEHOLD_VISIT_KINDS,
    Channel,
    DisputeOutcome,
    HandlerType,
    Kind,
    Rating,
    ReporterGroup,
    RequestType,
    State,
    Urgency,
)

NEAREST = "nearest"
YES_NO = [("yes", _("yes")), ("no", _("no"))]


def _text(label, *, required=False, rows=3, max_length=2000, placeholder=""):
    attrs = {"rows": rows}
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.CharField(
        label=label, required=required, max_length=max_length, widget=forms.Textarea(attrs=attrs)
    )


def _due_field():
    return forms.DateTimeField(
        label=_("Deadline for this case"),
        required=False,
        help_text=_("Leave empty for the category's time limit."),
        widget=forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class ReportForm(forms.Form):
    """上报: a resident's request, a worker's patrol report, a liaison's report for a linked household."""

    category = forms.ChoiceField(label=_("Category"))
    description = _text(
        _("What is the problem?"), required=True, rows=4, placeholder=_("Where, what, since when")
    )
    area = forms.ChoiceField(label=_("Place"))
    address = forms.CharField(label=_("Address or landmark"), required=False, max_length=200)
    lat = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    lng = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), required=False, max_length=100)
    request_type = forms.ChoiceField(label=_("Request type"), choices=RequestType.choices, initial="help")
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial="normal")
    on_behalf_of = forms.ChoiceField(label=_("On behalf of"), required=False)
    handle_self = forms.BooleanField(label=_("I handle it myself"), required=False)
    # Staff taking a case in from someone without an account: how it came in, and who raised it.
    channel = forms.ChoiceField(label=_("Taken in through"), required=False)
    contact_name = forms.CharField(label=_("Raised by (person or enterprise)"), required=False, max_length=50)
    contact_phone = forms.CharField(label=_("Their phone"), required=False, max_length=20)
    # Staff sending what they take in straight on: to whom, and by when (else the category decides).
    handler = forms.ChoiceField(label=_("Send to"), required=False)
    handle_due = _due_field()

    def __init__(
        self,
        *args,
        categories=(),
        places=(),
        persons=(),
        worker=False,
        nearest=False,
        intake=False,
        handlers=(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # Each refusal names what is missing, not Django's "This field is required." on every field.
        for name, message in (
            ("category", _("Choose a category")),
            ("description", _("Describe the problem.")),
            ("area", _("Choose the place, or allow the page to use your position.")),
        ):
            self.fields[name].error_messages["required"] = message
        self.fields["category"].error_messages["invalid_choice"] = _("Choose a category from the list")
        self.fields["category"].choices = [("", _("Choose a category"))] + [
            (str(c.pk), label) for c, label in categories
        ]
        choices = [(str(p.pk), p.label) for p in places]
        if nearest:
            choices = [(NEAREST, _("Where I am now (nearest estate)"))] + choices
        self.fields["area"].choices = [("", _("Choose the place"))] + choices
        if len(places) == 1 and not nearest:
            self.fields["area"].initial = str(places[0].pk)
        self.fields["on_behalf_of"].choices = [("", _("Myself"))] + [
            (str(p.pk), f"{p.name} · {p.household.address if p.household_id else ''}") for p in persons
        ]
        if not persons:
            del self.fields["on_behalf_of"]
        if not worker:
            del self.fields["handle_self"]
        if intake:
            self.fields["channel"].choices = [("", _("Found by myself"))] + [
                (c.value, c.label) for c in INTAKE_CHANNELS
            ]
            self.fields["handler"].choices = target_choices(handlers, ("", _("By category and place")))
        else:
            for name in ("channel", "contact_name", "contact_phone", "handler", "handle_due"):
                del self.fields[name]


# What staff choose on the report page for a case they take in (the rest come in by themselves: the
# resident's page, patrol, snapshot, liaisons, the API, Open311).
INTAKE_CHANNELS = [
    Channel.HOTLINE,
    Channel.TALK,
    Channel.EVENING_TALK,
    Channel.VISIT,
    Channel.ENTERPRISE_LINE,
]


class SnapshotForm(forms.Form):
    """随手拍: photo, category, send. The position comes from the phone; the place is the nearest estate."""

    category = forms.ChoiceField(label=_("Category"), widget=forms.RadioSelect)
    area = forms.ChoiceField(label=_("Place"), required=False)
    description = _text(_("A few words (optional)"), rows=2, max_length=2000)
    lat = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    lng = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, categories=(), estates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(str(c.pk), c.name) for c in categories]
        self.fields["area"].choices = [(NEAREST, _("The estate nearest to me"))] + [
            (str(p.pk), p.label) for p in estates
        ]


# -- steps -------------------------------------------------------------------------------------------


class NoteForm(forms.Form):
    note = _text(_("Note"))


class ReasonForm(forms.Form):
    reason = _text(_("Reason"))


class DispatchForm(forms.Form):
    target = forms.ChoiceField(label=_("Send to"))
    handle_due = _due_field()
    note = _text(_("Instructions"), rows=2)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = target_choices(
            targets, ("auto", _("Automatically, by category and place"))
        )


def target_choices(targets, automatic: tuple) -> list:
    """Handlers grouped by kind, after the choice (value, label) of leaving it to the category and place."""
    groups = {
        "person": _("Workers and staff"),
        "department": _("Departments"),
        "organisation": _("Companies and organisations"),
        "party_org": _("Party organisations"),
    }
    choices = [automatic]
    for key, label in groups.items():
        options = [(t.value, t.label) for t in targets if t.group == key]
        if options:
            choices.append((label, options))
    return choices


class DecideForm(forms.Form):
    """A yes/no decision with a note: a disputed return (upheld?), an extension (approved?)."""

    decision = forms.ChoiceField(label=_("Decision"), choices=YES_NO, widget=forms.RadioSelect)
    note = _text(_("Note"), rows=2)


class WhistleForm(forms.Form):
    lead = forms.ChoiceField(label=_("Lead department"))
    assists = forms.MultipleChoiceField(
        label=_("Assisting departments"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = _text(_("What the departments are summoned for"), rows=2)

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(t.value, t.label) for t in departments]
        self.fields["lead"].choices = [("", _("Choose the lead department"))] + choices
        self.fields["assists"].choices = choices


class MediateForm(forms.Form):
    participants = forms.CharField(label=_("Who took part"), required=False, max_length=500)
    note = _text(_("What the session achieved"))


class HandleForm(forms.Form):
    note = _text(_("What was done"), rows=3)
    outcome = forms.ChoiceField(label=_("Outcome of the mediation"), required=False)
    participants = forms.CharField(label=_("Consultation: who took part"), required=False, max_length=500)
    agreement = _text(_("Consultation: what was agreed"), rows=2, max_length=1000)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None and case.kind == Kind.DISPUTE:
            self.fields["outcome"].choices = [("", _("Choose the outcome"))] + list(DisputeOutcome.choices)
        else:
            del self.fields["outcome"]

    def consultation(self) -> dict | None:
        participants = self.cleaned_data.get("participants", "").strip()
        agreement = self.cleaned_data.get("agreement", "").strip()
        if not participants and not agreement:
            return None
        return {"participants": participants, "agreement": agreement}


class VerifyForm(forms.Form):
    passed = forms.ChoiceField(
        label=_("Result"),
        choices=[("yes", _("Passed: the problem is solved")), ("no", _("Failed: send it back"))],
        widget=forms.RadioSelect,
    )
    note = _text(_("What you found"), rows=2)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        from lianxin.cases.kinds import kind_spec

        if case is not None and kind_spec(case.kind).verify_closes:
            # 验收: the issuing level accepts a task's result (it closes) or sends it back with the reason.
            self.fields["passed"].choices = [
                ("yes", _("Accepted: close the task")),
                ("no", _("Not accepted: back to handling")),
            ]
            self.fields["note"].label = _("What is still to be done (required when not accepted)")


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Your rating"), choices=Rating.choices, widget=forms.RadioSelect, required=False
    )
    stars = forms.TypedChoiceField(
        label=_("Stars"),
        choices=[(n, "★" * n) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    note = _text(_("Anything to add"), rows=2, max_length=500)


class ClaimForm(forms.Form):
    """认领 and its withdrawal: for oneself, or for an organisation one holds a post in."""

    claimant = forms.ChoiceField(label=_("Claim as"), required=False)
    note = _text(_("Note"), rows=2)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        if organisations:
            self.fields["claimant"].choices = [("", _("Myself"))] + [
                (str(o.pk), o.name) for o in organisations
            ]
        else:
            del self.fields["claimant"]

    def organisation(self, organisations):
        chosen = self.cleaned_data.get("claimant")
        return next((o for o in organisations if str(o.pk) == chosen), None)


class MergeForm(forms.Form):
    into = forms.ChoiceField(label=_("Merge into"), required=False, widget=forms.RadioSelect)
    number = forms.CharField(label=_("or the case number"), required=False, max_length=30)
    confirm = forms.BooleanField(
        label=_("I have compared the two and they are the same problem"),
        required=True,
        error_messages={"required": _("Confirm that the two cases are the same problem.")},
    )
    note = _text(_("Note"), rows=2)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [
            (str(c.pk), f"{c.number} · {c.title} · {c.get_state_display()}") for c in candidates
        ]


class ExtendRequestForm(forms.Form):
    days = forms.DecimalField(
        label=_("Extra working days"), min_value=0, max_digits=6, decimal_places=2, initial=2
    )
    reason = _text(_("Why more time is needed"), rows=2)


class CommentForm(forms.Form):
    note = _text(_("Comment"), rows=2)
    is_public = forms.BooleanField(label=_("Show it to the reporter"), required=False)


# -- queue filters -----------------------------------------------------------------------------------


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Case number or words of the title"), required=False, max_length=50)
    state = forms.ChoiceField(label=_("State"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    reporter_group = forms.ChoiceField(label=_("Reported by"), required=False)
    handler = forms.ChoiceField(label=_("Whose"), required=False)
    date_from = forms.DateField(
        label=_("Reported from"), required=False, widget=forms.DateInput({"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Reported until"), required=False, widget=forms.DateInput({"type": "date"})
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    supervised = forms.BooleanField(label=_("Under supervision"), required=False)
    extension_pending = forms.BooleanField(label=_("Extension to decide"), required=False)
    return_disputed = forms.BooleanField(label=_("Disputed return"), required=False)
    # The count of the figures a link came from (dashboard, figure table): kept, shown and clearable.
    figure = forms.ChoiceField(required=False, widget=forms.HiddenInput)
    handler_type = forms.ChoiceField(label=_("Handler type"), required=False)
    area_itself = forms.BooleanField(label=_("Only cases placed at the area itself"), required=False)
    category_exact = forms.BooleanField(label=_("The category alone, not its subcategories"), required=False)

    def __init__(self, *args, categories=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("All"))]
        self.fields["state"].choices = (
            anything + [("open", _("Open")), ("final", _("Finished"))] + list(State.choices)
        )
        self.fields["category"].choices = anything + [(str(c.pk), label) for c, label in categories]
        self.fields["area"].choices = anything + [(str(p.pk), p.label) for p in areas]
        self.fields["kind"].choices = anything + list(Kind.choices)
        self.fields["channel"].choices = anything + list(Channel.choices)
        self.fields["reporter_group"].choices = anything + list(ReporterGroup.choices)
        self.fields["handler"].choices = anything + [
            ("me", _("Sent to me")),
            ("pool", _("In my level's pool")),
            ("first", _("First received by me")),
        ]
        self.fields["handler_type"].choices = (
            anything + list(HandlerType.choices) + [("none", _("no handler yet"))]
        )
        self.fields["figure"].choices = anything + list(FIGURE_LABELS.items())


class BulkDispatchForm(forms.Form):
    target = forms.ChoiceField(label=_("Send the selected cases to"))
    note = forms.CharField(label=_("Instructions"), required=False, max_length=2000)
    batch = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("auto", _("Automatically, by category and place"))] + [
            (t.value, t.label) for t in targets
        ]


# -- visits ------------------------------------------------------------------------------------------


class VisitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of visit"), choices=HOUSEHOLD_VISIT_KINDS)
    household = forms.ChoiceField(label=_("Household"), required=False)
    area = forms.ChoiceField(label=_("Or the place of a session"), required=False)
    attendees = forms.IntegerField(label=_("People reached"), min_value=1, max_value=10000, initial=1)
    category = forms.ChoiceField(label=_("Category of the matter taken up"), required=False)
    note = _text(_("What was talked about or done"), rows=3)

    def __init__(self, *args, households=(), places=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", _("Choose the household"))] + [
            (str(h.pk), h.address) for h in households
        ]
        self.fields["area"].choices = [("", "—")] + [(str(p.pk), p.label) for p in places]
        self.fields["category"].choices = [("", _("Only for mediation and errands"))] + [
            (str(c.pk), label) for c, label in categories
        ]
