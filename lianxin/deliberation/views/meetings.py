"""Meetings: the list with its counts by kind, area and month and the Excel of it (secretaries, workers),
recording a meeting, and a meeting's page with its parties, votes, decisions (tasks) and matters (cases)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area
from lianxin.cases.kinds import kinds
from lianxin.cases.models import Category
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.paths import under
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.deliberation.forms import DecisionForm, FilterForm, MatterForm, MeetingForm, VoteForm
from lianxin.deliberation.models import Meeting, PartyRole, Topic, TopicStatus
from lianxin.deliberation.permissions import MEETING_DECIDE, MEETING_RECORD, is_recorder
from lianxin.deliberation.selectors.meetings import MeetingFilters, meeting_figures, meetings_for
from lianxin.deliberation.selectors.parties import estate_branch, estate_company, estate_owners_committee
from lianxin.deliberation.services import meetings as services
from lianxin.deliberation.views.common import form_run, meeting_detail, require
from lianxin.party.models import PartyOrg
from lianxin.people.models import Organisation, OrganisationKind

SHOWN = 300


def _areas(user):
    return Area.objects.restrict(user, CHANGE).exclude(level__in=["building", "unit"]).order_by("path")


def filters_of(request) -> tuple[FilterForm, MeetingFilters]:
    form = FilterForm(
        request.GET or None,
        areas=Area.objects.restrict(request.user).exclude(level__in=["building", "unit"]).order_by("path"),
    )
    filters = MeetingFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = MeetingFilters(
            root=data["area"], kind=data["kind"], since=data["since"], until=data["until"]
        )
    return form, filters


@login_required
@require_GET
def meetings(request):
    """Secretaries and workers: the meetings of their areas, filtered by kind, area and period, counted."""
    user = request.user
    require(is_recorder(user))
    form, filters = filters_of(request)
    rows = meetings_for(user=user, filters=filters).order_by("-held_on", "-id")
    figures = meeting_figures(user=user, filters=filters)
    return render(
        request,
        "deliberation/meetings.html",
        {
            "form": form,
            "rows": rows[:SHOWN],
            "count": figures.total,
            "figures": figures,
            "query": request.GET.urlencode(),
            "may_record": may(user, MEETING_RECORD),
            "status": 400 if form.is_bound and not form.is_valid() else 200,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _columns() -> list[ExcelColumn]:
    return [
        ExcelColumn(_("Held on"), lambda m: m.held_on, 18),
        ExcelColumn(_("Kind"), lambda m: m.kind.name, 16),
        ExcelColumn(_("Area"), lambda m: m.area.name, 16),
        ExcelColumn(_("Title"), lambda m: m.title, 30),
        ExcelColumn(_("People present"), lambda m: m.attendance, 10),
        ExcelColumn(_("Matters raised"), lambda m: m.matters.count(), 10),
        ExcelColumn(_("Decisions"), lambda m: m.decisions.count(), 10),
        ExcelColumn(_("Public"), lambda m: m.is_public, 8),
    ]


@login_required
@require_GET
def meetings_export(request):
    """The meetings list as Excel: the same rows and count as the page."""
    user = request.user
    require(is_recorder(user))
    form, filters = filters_of(request)
    rows = meetings_for(user=user, filters=filters).order_by("-held_on", "-id")
    figures = meeting_figures(user=user, filters=filters)
    notes = [(_("Meetings"), str(figures.total))] + [(r["name"], str(r["count"])) for r in figures.by_kind]
    book = list_workbook(title=_("Meetings"), columns=_columns(), objects=rows.iterator(), notes=notes)
    return xlsx_response(book, f"{_('Meetings')}-{timezone.localdate():%Y%m%d}.xlsx")


def _parties_from(data, area) -> list[dict]:
    parties = []
    wanted = set(data.get("estate_parties") or [])
    if "branch" in wanted:
        branch = estate_branch(area)
        if branch is not None:
            parties.append({"role": PartyRole.BRANCH, "party_org": branch})
    if "owners_committee" in wanted:
        committee = estate_owners_committee(area)
        if committee is not None:
            parties.append({"role": PartyRole.OWNERS_COMMITTEE, "organisation": committee})
    if "property_company" in wanted:
        company = estate_company(area)
        if company is not None:
            parties.append({"role": PartyRole.PROPERTY_COMPANY, "organisation": company})
    for name in _names(data.get("resident_reps")):
        parties.append({"role": PartyRole.RESIDENT_REP, "name": name})
    other_role = (
        PartyRole.DEPUTY
        if data["kind"].has_rota
        else PartyRole.UNIT
        if "unit" in data["kind"].parties
        else PartyRole.OTHER
    )
    for name in _names(data.get("others")):
        parties.append({"role": other_role, "name": name})
    return parties


def _names(text) -> list[str]:
    import re

    return [t for t in re.split(r"[\s,，、]+", text or "") if t][:100]


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request):
    user = request.user
    require(may(user, MEETING_RECORD))
    form = MeetingForm(
        request.POST or None,
        areas=_areas(user),
        initial={"held_on": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
    )

    def record(data):
        return services.meeting_record(
            user,
            kind=data["kind"],
            area=data["area"],
            title=data["title"],
            held_on=data["held_on"],
            place=data["place"],
            body=data["body"],
            minutes=data["minutes"],
            is_public=data["is_public"],
            attendance=data["attendance"],
            parties=_parties_from(data, data["area"]),
        )

    done, status = form_run(
        request,
        form,
        record,
        success=_("The meeting has been recorded."),
        then=lambda m: reverse("deliberation:meeting", args=[m.pk]),
    )
    if done:
        return done
    return render(request, "deliberation/meeting_new.html", {"form": form}, status=status)


def _forms(request, meeting, posted: str = ""):
    user = request.user
    recorder = may(user, MEETING_RECORD, meeting.area)
    decider = may(user, MEETING_DECIDE, meeting.area)
    data = request.POST if request.method == "POST" else None
    categories = Category.objects.filter(is_active=True, kind__in=kinds(report_page=True)).order_by("path")
    topics = Topic.objects.filter(estate=meeting.area).exclude(status=TopicStatus.DROPPED)
    organisations = Organisation.objects.filter(
        kind__in=[OrganisationKind.PROPERTY_COMPANY, OrganisationKind.OWNERS_COMMITTEE]
    ).filter(
        pk__in=[o.pk for o in (estate_company(meeting.area), estate_owners_committee(meeting.area)) if o]
    )
    party_orgs = (
        PartyOrg.objects.restrict(user).filter(under("path", meeting.party_org.path))
        if meeting.party_org_id
        else PartyOrg.objects.restrict(user).filter(area=meeting.area)
    )
    return {
        "matter_form": MatterForm(data if posted == "matter" else None, categories=categories)
        if recorder
        else None,
        "vote_form": VoteForm(data if posted == "vote" else None, topics=topics) if recorder else None,
        "decision_form": DecisionForm(
            data if posted == "decision" else None,
            votes=meeting.votes.all(),
            organisations=organisations,
            party_orgs=party_orgs,
        )
        if decider
        else None,
    }


def _page(request, meeting, forms, status=200):
    return render(
        request,
        "deliberation/meeting.html",
        {"meeting": meeting, "open_cases": is_recorder(request.user), **meeting_detail(meeting), **forms},
        status=status,
    )


@login_required
@require_GET
def meeting(request, pk: int):
    meeting = get_for_user(Meeting.objects.select_related("kind", "area", "convener"), request.user, pk)
    return _page(request, meeting, _forms(request, meeting))


def _posted(request, pk: int, which: str, run, success: str):
    meeting = get_for_user(Meeting.objects.select_related("kind", "area", "convener"), request.user, pk)
    forms = _forms(request, meeting, which)
    form = forms[f"{which}_form"]
    require(form is not None)
    done, status = form_run(
        request,
        form,
        lambda data: run(meeting, data),
        success=success,
        then=lambda _r: reverse("deliberation:meeting", args=[meeting.pk]),
    )
    return done or _page(request, meeting, forms, status)


@login_required
@require_POST
def matter_add(request, pk: int):
    return _posted(
        request,
        pk,
        "matter",
        lambda m, d: services.matter_raise(
            request.user,
            meeting=m,
            category=d["category"],
            description=d["description"],
            raised_by=d["raised_by"],
        ),
        _("The matter has been filed as a case."),
    )


@login_required
@require_POST
def vote_add(request, pk: int):
    return _posted(
        request,
        pk,
        "vote",
        lambda m, d: services.vote_record(
            request.user,
            meeting=m,
            question=d["question"],
            votes_for=d["votes_for"],
            votes_against=d["votes_against"],
            votes_abstain=d["votes_abstain"] or 0,
            topic=d["topic"],
        ),
        _("The vote has been recorded."),
    )


@login_required
@require_POST
def decision_add(request, pk: int):
    def run(m, d):
        owner = (
            {"organisation": d["organisation"]}
            if d["organisation"]
            else {"party_org": d["party_org"]}
            if d["party_org"]
            else {}
        )
        return services.decision_record(
            request.user,
            meeting=m,
            text=d["text"],
            owner=owner,
            working_days=d["working_days"],
            vote=d["vote"],
        )

    return _posted(request, pk, "decision", run, _("The decision has been issued as a task."))
