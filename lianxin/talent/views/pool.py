"""The pool part's pages (/talent/): the talent pool with filters, count and Excel (phones masked), a
talent's file, channels, needs and matches, 归雁兴巢 events, returns with their figures, returnees due a
follow-up, external people in cluster work, and a seconded secretary's village."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area, Level
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.paths import under
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.people.models import Person
from lianxin.rural.permissions import RETURNEE_ROLES
from lianxin.talent.models import (
    ChannelKind,
    EventKind,
    EventSeason,
    FollowUpKind,
    MatchOutcome,
    NeedKind,
    OutreachEvent,
    ReturnKind,
    TalentChannel,
    TalentField,
    TalentNeed,
    TalentOrigin,
    TalentProfile,
    TalentReturn,
    TalentStatus,
    VisitorKind,
    Willingness,
)
from lianxin.talent.selectors import pool as sel
from lianxin.talent.services import pool as svc


def sees(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and may(user, svc.VIEW_TALENTS)


def keeps(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and may(user, svc.KEEP_TALENTS)


def require_sees(user) -> None:
    if not sees(user):
        raise PermissionDenied


def areas_of(user, *levels):
    return Area.objects.restrict(user, CHANGE).filter(level__in=levels).order_by("path")


def _run(request, form, run, success: str, then):
    """Validate, call the service, redirect; or the status to render the page again with the errors."""
    if not form.is_valid():
        return None, 400
    try:
        result = run(form.cleaned_data)
    except DomainError as error:
        pages.form_error(form, error)
        return None, pages.error_status(error)
    messages.success(request, success)
    return redirect(then(result)), 302


def _keeper_form(request, form_class, create, success: str, then):
    """A list page's create form: for those who keep the pool (None for readers); on POST, the service's
    redirect or the status to render the page again with the errors (a reader's POST is refused)."""
    user = request.user
    form = form_class(request.POST or None, user=user) if keeps(user) else None
    if request.method != "POST":
        return form, None, 200
    if form is None:
        raise PermissionDenied
    done, status = _run(request, form, lambda d: create(user, **d), success, then)
    return form, done, status


def _int(value):
    return int(value) if value and str(value).isdigit() else None


# Forms.


class TalentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Full name"), max_length=50)
    home_area = forms.ModelChoiceField(label=gettext_lazy("Home village"), queryset=Area.objects.none())
    current_city = forms.CharField(label=gettext_lazy("Current city"), max_length=50, required=False)
    occupation = forms.CharField(
        label=gettext_lazy("Work unit and occupation"), max_length=100, required=False
    )
    field = forms.ChoiceField(label=gettext_lazy("Field"), choices=TalentField.choices)
    skills = forms.CharField(label=gettext_lazy("Skills"), max_length=200, required=False)
    willingness = forms.ChoiceField(label=gettext_lazy("Willingness to return"), choices=Willingness.choices)
    origin = forms.ChoiceField(label=gettext_lazy("Origin"), choices=TalentOrigin.choices)
    channel = forms.ModelChoiceField(
        label=gettext_lazy("Channel"), queryset=TalentChannel.objects.none(), required=False
    )
    mobile = forms.CharField(label=gettext_lazy("Mobile number"), max_length=20, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_area"].queryset = areas_of(user, Level.VILLAGE)
        self.fields["channel"].queryset = TalentChannel.objects.restrict(user, VIEW)


TALENT_COLUMNS = [
    ExcelColumn(gettext_lazy("Full name"), lambda t: t.name, 12),
    ExcelColumn(gettext_lazy("Home village"), lambda t: t.home_area.name, 14),
    ExcelColumn(gettext_lazy("Current city"), lambda t: t.current_city, 12),
    ExcelColumn(gettext_lazy("Work unit and occupation"), lambda t: t.occupation, 20),
    ExcelColumn(gettext_lazy("Field"), lambda t: t.get_field_display(), 10),
    ExcelColumn(gettext_lazy("Skills"), lambda t: t.skills, 20),
    ExcelColumn(gettext_lazy("Willingness to return"), lambda t: t.get_willingness_display(), 14),
    ExcelColumn(gettext_lazy("Channel"), lambda t: t.channel.name if t.channel_id else "", 20),
    ExcelColumn(gettext_lazy("Found by"), lambda t: t.finder.name if t.finder_id else "", 10),
    ExcelColumn(gettext_lazy("Status"), lambda t: t.get_status_display(), 10),
    ExcelColumn(gettext_lazy("Mobile number"), lambda t: t.mobile_masked, 14),
]


def talent_filters(request, user) -> dict:
    g = request.GET
    area = None
    if _int(g.get("area")):
        area = Area.objects.restrict(user, VIEW).filter(pk=g["area"]).first()
    return {
        "area": area,
        "field": g.get("field", ""),
        "willingness": g.get("willingness", ""),
        "status": g.get("status", ""),
        "channel_id": _int(g.get("channel")),
        "q": g.get("q", "").strip(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def talent_list(request):
    user = request.user
    require_sees(user)
    filters = talent_filters(request, user)
    rows = sel.talents_for(user=user, **filters)
    figures = sel.talent_figures(rows)
    if request.GET.get("format") == "xlsx":
        workbook = list_workbook(
            title=_("Talent pool"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in TALENT_COLUMNS],
            objects=rows,
            notes=[(_("Talents"), str(figures["total"]))],
        )
        return xlsx_response(workbook, f"{_('Talent pool')}.xlsx")
    form, done, status = _keeper_form(
        request,
        TalentForm,
        svc.talent_create,
        _("The talent has been added to the pool."),
        lambda t: f"/talent/{t.pk}/",
    )
    if done:
        return done
    return render(
        request,
        "talent/pool/talents.html",
        {
            "rows": list(rows[:300]),
            "figures": figures,
            "filters": filters,
            "fields": TalentField.choices,
            "willingnesses": Willingness.choices,
            "statuses": TalentStatus.choices,
            "channels": TalentChannel.objects.restrict(user, VIEW),
            "form": form,
            "query": request.GET.urlencode(),
        },
        status=status,
    )


class VisitForm(forms.Form):
    visited_on = forms.DateField(
        label=gettext_lazy("Visited on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    visitor = forms.ModelChoiceField(label=gettext_lazy("Visitor"), queryset=Person.objects.none())
    visitor_kind = forms.ChoiceField(label=gettext_lazy("Visitor is"), choices=VisitorKind.choices)
    content = forms.CharField(
        label=gettext_lazy("Content"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, talent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitor"].queryset = sel.visitors_for(talent)


def _ancestors(path):
    from lianxin.core.paths import ancestor_paths

    return ancestor_paths(path)


class ReturnForm(forms.Form):
    returned_on = forms.DateField(
        label=gettext_lazy("Returned on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=ReturnKind.choices)
    event = forms.ModelChoiceField(
        label=gettext_lazy("Outreach event"), queryset=OutreachEvent.objects.none(), required=False
    )
    project = forms.CharField(label=gettext_lazy("Project"), max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = OutreachEvent.objects.restrict(user, VIEW)


@login_required
@require_GET
def talent_detail(request, pk: int):
    require_sees(request.user)
    talent = get_for_user(TalentProfile, request.user, pk)
    return _talent_page(request, talent)


def _talent_page(request, talent, *, visit_form=None, return_form=None, status=200):
    user = request.user
    keeper = may(user, svc.KEEP_TALENTS, talent)
    return render(
        request,
        "talent/pool/talent.html",
        {
            "talent": talent,
            "visits": talent.visits.select_related("visitor"),
            "matchings": talent.matchings.select_related("need"),
            "invitations": talent.invitations.select_related("event"),
            "returns": talent.returns.select_related("village"),
            "visit_form": (visit_form or VisitForm(talent=talent)) if keeper else None,
            "return_form": return_form
            or (ReturnForm(user=user) if keeper and not talent.returns.exists() else None),
        },
        status=status,
    )


@login_required
@require_POST
def talent_visit(request, pk: int):
    require_sees(request.user)
    talent = get_for_user(TalentProfile, request.user, pk)
    form = VisitForm(request.POST, talent=talent)
    done, status = _run(
        request,
        form,
        lambda d: svc.visit_record(request.user, talent=talent, **d),
        _("The visit has been recorded."),
        lambda v: f"/talent/{talent.pk}/",
    )
    return done or _talent_page(request, talent, visit_form=form, status=status)


@login_required
@require_POST
def talent_return(request, pk: int):
    require_sees(request.user)
    talent = get_for_user(TalentProfile, request.user, pk)
    form = ReturnForm(request.POST, user=request.user)
    done, status = _run(
        request,
        form,
        lambda d: svc.return_record(request.user, talent=talent, **d),
        _("The return has been recorded."),
        lambda r: f"/talent/returns/{r.pk}/",
    )
    return done or _talent_page(request, talent, return_form=form, status=status)


# Channels.


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ChannelKind.choices)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    area = forms.ModelChoiceField(label=gettext_lazy("Kept by"), queryset=Area.objects.none())
    party_org = forms.ModelChoiceField(
        label=gettext_lazy("Mobile-member party organisation"), queryset=None, required=False
    )
    location = forms.CharField(label=gettext_lazy("Location"), max_length=100, required=False)
    contact_name = forms.CharField(label=gettext_lazy("Contact person"), max_length=50, required=False)

    def __init__(self, *args, user, **kwargs):
        from lianxin.party.models import OrgKind, PartyOrg

        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_of(user, Level.COUNTY, Level.TOWNSHIP)
        self.fields["party_org"].queryset = PartyOrg.objects.restrict(user, VIEW).filter(
            kind=OrgKind.MOBILE_BRANCH
        )


@login_required
@require_http_methods(["GET", "POST"])
def channel_list(request):
    user = request.user
    require_sees(user)
    form, done, status = _keeper_form(
        request,
        ChannelForm,
        svc.channel_create,
        _("The channel has been recorded."),
        lambda c: "/talent/channels/",
    )
    if done:
        return done
    rows = sel.channels_for(user=user)
    return render(request, "talent/pool/channels.html", {"rows": rows, "form": form}, status=status)


# Needs and matching.


class NeedForm(forms.Form):
    area = forms.ModelChoiceField(label=gettext_lazy("Cluster or village"), queryset=Area.objects.none())
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=NeedKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=100)
    skills = forms.CharField(label=gettext_lazy("Skills wanted"), max_length=200, required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_of(user, Level.CLUSTER, Level.VILLAGE)


@login_required
@require_http_methods(["GET", "POST"])
def need_list(request):
    user = request.user
    require_sees(user)
    form, done, status = _keeper_form(
        request, NeedForm, svc.need_post, _("The need has been posted."), lambda n: f"/talent/needs/{n.pk}/"
    )
    if done:
        return done
    rows = sel.needs_for(user=user)
    return render(
        request, "talent/pool/needs.html", {"rows": rows, "count": rows.count(), "form": form}, status=status
    )


class ContactForm(forms.Form):
    talent = forms.IntegerField(widget=forms.HiddenInput)
    contacted_on = forms.DateField(
        label=gettext_lazy("Contacted on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[c for c in MatchOutcome.choices if c[0] != MatchOutcome.SUGGESTED],
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


@login_required
@require_GET
def need_detail(request, pk: int):
    require_sees(request.user)
    need = get_for_user(TalentNeed, request.user, pk)
    return _need_page(request, need)


def _need_page(request, need, *, status=200, error=""):
    user = request.user
    return render(
        request,
        "talent/pool/need.html",
        {
            "need": need,
            "suggestions": sel.need_suggestions(need, user=user),
            "matchings": need.matchings.select_related("talent").prefetch_related("contacts"),
            "keeper": may(user, svc.KEEP_TALENTS, need),
            "outcomes": [c for c in MatchOutcome.choices if c[0] != MatchOutcome.SUGGESTED],
            "today": timezone.localdate(),
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def need_contact(request, pk: int):
    user = request.user
    require_sees(user)
    need = get_for_user(TalentNeed, user, pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _need_page(request, need, status=400, error=_("Give the date and outcome of the contact."))
    talent = TalentProfile.objects.restrict(user, VIEW).filter(pk=form.cleaned_data["talent"]).first()
    if talent is None:
        raise Http404
    data = form.cleaned_data
    try:
        svc.matching_contact(
            user,
            need=need,
            talent=talent,
            contacted_on=data["contacted_on"],
            outcome=data["outcome"],
            note=data["note"],
        )
    except DomainError as error:
        return _need_page(request, need, status=pages.error_status(error), error=error.message)
    messages.success(request, _("The contact has been recorded."))
    return redirect("talent:need", pk=need.pk)


# Outreach events.


class EventForm(forms.Form):
    area = forms.ModelChoiceField(label=gettext_lazy("Township"), queryset=Area.objects.none())
    title = forms.CharField(label=gettext_lazy("Title"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=EventKind.choices)
    season = forms.ChoiceField(label=gettext_lazy("Season"), choices=EventSeason.choices)
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_of(user, Level.COUNTY, Level.TOWNSHIP)


@login_required
@require_http_methods(["GET", "POST"])
def event_list(request):
    user = request.user
    require_sees(user)
    form, done, status = _keeper_form(
        request,
        EventForm,
        svc.event_create,
        _("The event has been recorded."),
        lambda e: f"/talent/events/{e.pk}/",
    )
    if done:
        return done
    rows = sel.events_for(user=user)
    return render(
        request, "talent/pool/events.html", {"rows": rows, "count": rows.count(), "form": form}, status=status
    )


@login_required
@require_GET
def event_detail(request, pk: int):
    require_sees(request.user)
    event = get_for_user(OutreachEvent, request.user, pk)
    return _event_page(request, event)


def _event_page(request, event, *, status=200, error=""):
    user = request.user
    invitations = event.invitations.select_related("talent", "talent__home_area")
    invited = set(invitations.values_list("talent_id", flat=True))
    keeper = may(user, svc.KEEP_TALENTS, event)
    return render(
        request,
        "talent/pool/event.html",
        {
            "event": event,
            "figures": sel.event_figures(event),
            "invitations": invitations,
            "returns": event.returns.select_related("talent", "village"),
            "keeper": keeper,
            "candidates": sel.talents_for(user=user).exclude(pk__in=invited)[:200] if keeper else [],
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def event_invite(request, pk: int):
    user = request.user
    require_sees(user)
    event = get_for_user(OutreachEvent, user, pk)
    ids = [int(i) for i in request.POST.getlist("talents") if i.isdigit()]
    talents = list(TalentProfile.objects.restrict(user, VIEW).filter(pk__in=ids))
    if not talents:
        return _event_page(request, event, status=400, error=_("Choose the talents to invite."))
    try:
        added = svc.invitations_add(user, event=event, talents=talents)
    except DomainError as error:
        return _event_page(request, event, status=pages.error_status(error), error=error.message)
    messages.success(request, _("%(count)s talents invited.") % {"count": added})
    return redirect("talent:event", pk=event.pk)


@login_required
@require_POST
def event_attendance(request, pk: int):
    user = request.user
    require_sees(user)
    event = get_for_user(OutreachEvent, user, pk)
    ids = [int(i) for i in request.POST.getlist("attended") if i.isdigit()]
    try:
        svc.attendance_record(user, event=event, attended_ids=ids)
    except DomainError as error:
        return _event_page(request, event, status=pages.error_status(error), error=error.message)
    messages.success(request, _("The attendance has been recorded."))
    return redirect("talent:event", pk=event.pk)


# Returns and follow-ups.

RETURN_COLUMNS = [
    ExcelColumn(gettext_lazy("Full name"), lambda r: r.talent.name, 12),
    ExcelColumn(gettext_lazy("Returned on"), lambda r: r.returned_on, 12),
    ExcelColumn(gettext_lazy("Type"), lambda r: r.get_kind_display(), 10),
    ExcelColumn(gettext_lazy("Village"), lambda r: r.village.name, 12),
    ExcelColumn(gettext_lazy("Channel"), lambda r: r.channel.name if r.channel_id else "", 20),
    ExcelColumn(gettext_lazy("Outreach event"), lambda r: r.event.title if r.event_id else "", 20),
    ExcelColumn(gettext_lazy("Project"), lambda r: r.project, 20),
]


def period_of(request) -> sel.Period:
    g = request.GET
    try:
        return sel.period_parse(g.get("since") or None, g.get("until") or None, g.get("year") or None)
    except DomainError:
        return sel.Period.year()


@login_required
@require_GET
def return_list(request):
    user = request.user
    require_sees(user)
    period = period_of(request)
    area = None
    if _int(request.GET.get("area")):
        area = Area.objects.restrict(user, VIEW).filter(pk=request.GET["area"]).first()
    kind = request.GET.get("kind", "")
    rows = sel.returns_for(user=user, area=area, period=period, kind=kind)
    figures = sel.return_figures(user=user, area=area, period=period, kind=kind)
    if request.GET.get("format") == "xlsx":
        workbook = list_workbook(
            title=_("Talent returns"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in RETURN_COLUMNS],
            objects=rows,
            notes=[(_("Period"), period.label), (_("Returns"), str(figures["count"]))],
        )
        return xlsx_response(workbook, f"{_('Talent returns')}.xlsx")
    return render(
        request,
        "talent/pool/returns.html",
        {
            "rows": list(rows[:300]),
            "figures": figures,
            "period": period,
            "kind": kind,
            "kinds": ReturnKind.choices,
            "areas": areas_of(user, Level.TOWNSHIP, Level.CLUSTER, Level.VILLAGE)[:200],
            "area": area,
            "query": request.GET.urlencode(),
        },
    )


class FollowUpForm(forms.Form):
    happened_on = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=FollowUpKind.choices)
    content = forms.CharField(label=gettext_lazy("Content"), max_length=300)


class PostForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Post"), choices=())
    village = forms.ModelChoiceField(label=gettext_lazy("Village"), queryset=Area.objects.none())
    start_date = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=gettext_lazy("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        from lianxin.people.roles import role_label

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, role_label(r)) for r in sorted(RETURNEE_ROLES)]
        self.fields["village"].queryset = areas_of(user, Level.VILLAGE)


@login_required
@require_GET
def return_detail(request, pk: int):
    require_sees(request.user)
    talent_return = get_for_user(TalentReturn, request.user, pk)
    return _return_page(request, talent_return)


def _return_page(request, talent_return, *, followup_form=None, post_form=None, status=200):
    user = request.user
    keeper = may(user, svc.KEEP_TALENTS, talent_return)
    posts = []
    if talent_return.talent.person_id:
        from lianxin.people.models import Post

        posts = Post.objects.filter(person_id=talent_return.talent.person_id).select_related("area")
    return render(
        request,
        "talent/pool/return.html",
        {
            "r": talent_return,
            "follow_ups": talent_return.follow_ups.all(),
            "posts": posts,
            "followup_form": (followup_form or FollowUpForm()) if keeper else None,
            "post_form": (post_form or PostForm(user=user)) if keeper else None,
        },
        status=status,
    )


@login_required
@require_POST
def return_followup(request, pk: int):
    require_sees(request.user)
    talent_return = get_for_user(TalentReturn, request.user, pk)
    form = FollowUpForm(request.POST)
    done, status = _run(
        request,
        form,
        lambda d: svc.followup_record(request.user, talent_return=talent_return, **d),
        _("The follow-up has been recorded."),
        lambda f: f"/talent/returns/{talent_return.pk}/",
    )
    return done or _return_page(request, talent_return, followup_form=form, status=status)


@login_required
@require_POST
def return_post(request, pk: int):
    require_sees(request.user)
    talent_return = get_for_user(TalentReturn, request.user, pk)
    form = PostForm(request.POST, user=request.user)
    done, status = _run(
        request,
        form,
        lambda d: svc.returnee_post_give(request.user, talent=talent_return.talent, **d),
        _("The post has been given."),
        lambda p: f"/talent/returns/{talent_return.pk}/",
    )
    return done or _return_page(request, talent_return, post_form=form, status=status)


@login_required
@require_GET
def followups_due(request):
    user = request.user
    require_sees(user)
    on = timezone.localdate()
    rows = sel.followups_due_for(user=user, on=on)
    return render(
        request,
        "talent/pool/followups_due.html",
        {"rows": rows, "count": rows.count(), "days": svc.followup_days(), "on": on},
    )


@login_required
@require_GET
def engagement_list(request):
    user = request.user
    require_sees(user)
    return render(request, "talent/pool/engagements.html", {"clusters": sel.engagements_for(user=user)})


# The seconded secretary's village.


@login_required
@require_GET
def my_village(request):
    user = request.user
    villages = sel.my_villages(user)
    if not villages:
        # A returnee's or first secretary's village post in force opens it; the menu hides it from others.
        raise PermissionDenied
    blocks = []
    for village in villages:
        blocks.append(
            {
                "village": village,
                "posts": sel.village_posts(village),
                "talents": TalentProfile.objects.filter(under("area_path", village.path)).order_by("id"),
                "needs": TalentNeed.objects.filter(area__path__in=_ancestors(village.path)).order_by(
                    "-posted_on"
                ),
            }
        )
    return render(request, "talent/pool/my_village.html", {"blocks": blocks})
