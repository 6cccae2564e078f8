"""The standards pages: stars (organisations and members), weak organisations, checklists, honours, brands,
campaigns and shared practices. Thin: parse, call one service or selector, render; each list shows its count
and its export (xlsx) writes the same rows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area, PlaceActivity
from lianxin.assessment import standards_forms as forms
from lianxin.assessment.models import (
    Campaign,
    ChecklistTemplate,
    CreditRule,
    HonourKind,
    Nomination,
    StarCriterion,
    WeakOrgFlag,
    WeakOrgStatus,
)
from lianxin.assessment.selectors import standards as sel
from lianxin.assessment.services import standards as svc
from lianxin.assessment.standards_rights import (
    CHECKLIST_TICK,
    CONFIGURE,
    KEEP,
    STAR_RATE,
    WEAK_ORG_ACCEPT,
    is_checklist_reader,
    is_reader,
)
from lianxin.cases.clock import now as clock_now
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW, get_for_user, under
from lianxin.party.models import OrgKind, PartyOrg

LIST_LIMIT = 500


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def this_year() -> int:
    return timezone.localtime(clock_now()).year


def year_of(request) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return this_year()


def org_root(request):
    value = request.GET.get("org", "")
    return get_for_user(PartyOrg, request.user, int(value)) if value.isdigit() else None


def area_root(request):
    value = request.GET.get("area", "")
    return get_for_user(Area, request.user, int(value)) if value.isdigit() else None


def form_run(request, form, run, *, success: str, then):
    """(response, status): a redirect when the posted form was done, else the status of the page to show."""
    if request.method != "POST" or form is None:
        return None, 200
    if not form.is_valid():
        return None, 400
    try:
        result = run(form.cleaned_data)
    except DomainError as error:
        pages.form_error(form, error)
        return None, pages.error_status(error)
    messages.success(request, success)
    return redirect(then(result)), 302


def refused(request, error: DomainError, back: str):
    return render(
        request,
        "assessment/standards/refused.html",
        {"message": error.message, "back": back},
        status=pages.error_status(error),
    )


def person_of(user, text: str, field: str = "person"):
    from lianxin.party.selectors.orgs import person_find

    return person_find(user=user, text=text, field_name=field)


def _name(user) -> str:
    return user.person.name if user and user.person_id else ""


# -- star ratings -----------------------------------------------------------------------------------------


def _star_rows(request):
    year = year_of(request)
    root = org_root(request)
    field = request.GET.get("field", "")
    rows = sel.star_ratings_for(user=request.user, year=year, root=root, field=field)
    return year, root, field, rows


@login_required
@require_http_methods(["GET", "POST"])
def stars(request):
    user = request.user
    require(is_reader(user))
    rater = may(user, STAR_RATE)
    require(rater or request.method != "POST")
    criteria = StarCriterion.objects.filter(is_active=True)
    form = (
        forms.RatingForm(
            request.POST or None,
            orgs=sel.rateable_orgs(user=user),
            criteria=criteria,
            initial={"year": this_year()},
        )
        if rater
        else None
    )
    done, status = form_run(
        request,
        form,
        lambda d: svc.star_rate(
            user, org=d["org"], year=d["year"], stars=d["stars"], evidence=form.evidence(), note=d["note"]
        ),
        success=_("The rating has been recorded."),
        then=lambda r: reverse("assessment:star_history", args=[r.org_id]),
    )
    if done:
        return done
    year, root, field, rows = _star_rows(request)
    return render(
        request,
        "assessment/standards/stars.html",
        {
            "form": form,
            "year": year,
            "root": root,
            "field": field,
            "rows": rows[:LIST_LIMIT],
            "count": rows.count(),
            "figures": sel.star_figures(rows),
            "query": request.GET.urlencode(),
            "configurer": may(user, CONFIGURE),
            "committees": PartyOrg.objects.restrict(user, VIEW)
            .filter(kind__in=[OrgKind.WORKING_COMMITTEE, OrgKind.COMMITTEE, OrgKind.SECTOR_COMMITTEE])
            .order_by("path")[:50],
        },
        status=status,
    )


@login_required
@require_GET
def stars_export(request):
    require(is_reader(request.user))
    year, root, field, rows = _star_rows(request)
    columns = [
        ExcelColumn(_("Party organisation"), lambda r: r.org.name, 36),
        ExcelColumn(_("Year"), lambda r: r.year, 8),
        ExcelColumn(_("Stars"), lambda r: r.stars, 8),
        ExcelColumn(_("Superior committee"), lambda r: r.rated_by_org.name if r.rated_by_org_id else "", 30),
        ExcelColumn(_("Given by"), lambda r: _name(r.given_by), 12),
        ExcelColumn(_("Given at"), lambda r: r.given_at, 18),
    ]
    figures = sel.star_figures(rows)
    notes = [
        (_("Organisations rated"), str(figures["total"])),
        (_("Three stars or more"), f"{figures['three_plus']}（{figures['three_plus_share']}%）"),
        (_("Five stars"), f"{figures['five']}（{figures['five_share']}%）"),
    ]
    book = list_workbook(title=_("Star ratings"), columns=columns, objects=rows, notes=notes)
    return xlsx_response(book, f"{_('Star ratings')}-{year}.xlsx")


@login_required
@require_GET
def star_history(request, pk: int):
    require(is_reader(request.user))
    org = get_for_user(PartyOrg, request.user, pk)
    return render(
        request,
        "assessment/standards/star_history.html",
        {"org": org, "ratings": sel.rating_history(user=request.user, org=org)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def standards_config(request):
    """The organisation department configures the star criteria, the credit rules and the checklists."""
    user = request.user
    require(may(user, CONFIGURE))
    which = request.POST.get("form", "")
    criterion_form = forms.CriterionForm(request.POST if which == "criterion" else None)
    rule_form = forms.CreditRuleForm(request.POST if which == "rule" else None)
    checklist_form = forms.ChecklistTemplateForm(request.POST if which == "checklist" else None)
    runs = {
        "criterion": (criterion_form, lambda d: svc.criterion_save(user, **d)),
        "rule": (rule_form, lambda d: svc.credit_rule_save(user, **d)),
        "checklist": (
            checklist_form,
            lambda d: svc.checklist_template_save(
                user,
                name=d["name"],
                field=d["field"],
                description=d["description"],
                items=d["items"].splitlines(),
            ),
        ),
    }
    form, run = runs.get(which, (None, None))
    done, status = form_run(request, form, run, success=_("Saved."), then=lambda r: request.path)
    if done:
        return done
    return render(
        request,
        "assessment/standards/config.html",
        {
            "criteria": StarCriterion.objects.all(),
            "rules": CreditRule.objects.all(),
            "templates": ChecklistTemplate.objects.prefetch_related("items"),
            "criterion_form": criterion_form,
            "rule_form": rule_form,
            "checklist_form": checklist_form,
        },
        status=status,
    )


# -- member stars and credit ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_stars(request):
    user = request.user
    require(is_reader(user))
    keeper = may(user, KEEP)
    require(keeper or request.method != "POST")
    which = request.POST.get("form", "")
    star_form = forms.MemberStarForm(request.POST if which == "star" else None, initial={"year": this_year()})
    credit_form = forms.CreditEventForm(
        request.POST if which == "credit" else None,
        rules=CreditRule.objects.filter(is_active=True),
        initial={"happened_on": timezone.localdate()},
    )
    if which == "credit":
        form, run = (
            credit_form,
            lambda d: svc.credit_event_record(
                user,
                person=person_of(user, d["person"]),
                rule=d["rule"],
                happened_on=d["happened_on"],
                note=d["note"],
            ),
        )
    else:
        form, run = (
            star_form,
            lambda d: svc.member_star_rate(
                user, person=person_of(user, d["person"]), year=d["year"], stars=d["stars"], note=d["note"]
            ),
        )
    done, status = form_run(
        request, form if keeper else None, run, success=_("Recorded."), then=lambda r: request.path
    )
    if done:
        return done
    year = year_of(request)
    rows = list(sel.member_stars_for(user=user, year=year, root=org_root(request))[:LIST_LIMIT])
    credit = sel.credit_scores(person_ids=[m.person_id for m in rows], year=year)
    for m in rows:
        m.credit = credit[m.person_id]
    return render(
        request,
        "assessment/standards/member_stars.html",
        {
            "keeper": keeper,
            "star_form": star_form,
            "credit_form": credit_form,
            "rows": rows,
            "count": len(rows),
            "year": year,
            "rules": CreditRule.objects.all(),
            "events": sel.credit_events_for(user=user, year=year)[:50],
            "base": sel.credit_base(),
        },
        status=status,
    )


@login_required
@require_GET
def member_stars_export(request):
    require(is_reader(request.user))
    year = year_of(request)
    rows = list(sel.member_stars_for(user=request.user, year=year, root=org_root(request)))
    credit = sel.credit_scores(person_ids=[m.person_id for m in rows], year=year)
    columns = [
        ExcelColumn(_("Member"), lambda m: m.person.name, 12),
        ExcelColumn(_("Party organisation"), lambda m: m.org.name, 36),
        ExcelColumn(_("Year"), lambda m: m.year, 8),
        ExcelColumn(_("Stars"), lambda m: m.stars, 8),
        ExcelColumn(_("Credit"), lambda m: credit[m.person_id], 8),
    ]
    book = list_workbook(title=_("Member stars and credit"), columns=columns, objects=rows)
    return xlsx_response(book, f"{_('Member stars and credit')}-{year}.xlsx")


# -- weak and lax organisations ---------------------------------------------------------------------------


def _weak_rows(request):
    status = request.GET.get("status", WeakOrgStatus.LISTED)
    if status not in (*WeakOrgStatus.values, "all"):
        status = WeakOrgStatus.LISTED
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    root = area_root(request)
    rows = sel.weak_orgs_for(
        user=request.user, year=year, status="" if status == "all" else status, root=root
    )
    return status, year, root, rows


@login_required
@require_http_methods(["GET", "POST"])
def weak_orgs(request):
    user = request.user
    require(is_reader(user))
    keeper = may(user, KEEP)
    require(keeper or request.method != "POST")
    form = (
        forms.WeakOrgForm(
            request.POST or None,
            orgs=PartyOrg.objects.restrict(user, CHANGE).filter(depth__gt=1).exclude(kind=OrgKind.GROUP),
            initial={"year": this_year()},
        )
        if keeper
        else None
    )
    done, status_code = form_run(
        request,
        form,
        lambda d: svc.weak_org_flag(
            user,
            org=d["org"],
            year=d["year"],
            reasons=d["reasons"],
            items=form.item_list(),
            support_yuan=d["support_yuan"],
            staff_sent=d["staff_sent"],
            staff_note=d["staff_note"],
        ),
        success=_("The organisation is on the list."),
        then=lambda f: reverse("assessment:weak_org", args=[f.pk]),
    )
    if done:
        return done
    status, year, root, rows = _weak_rows(request)
    return render(
        request,
        "assessment/standards/weak_orgs.html",
        {
            "form": form,
            "rows": rows[:LIST_LIMIT],
            "count": rows.count(),
            "by_area": sel.counts_by_area(rows, user=user, root=root),
            "status": status,
            "year": year,
            "root": root,
            "statuses": [*WeakOrgStatus.choices, ("all", _("All"))],
            "query": request.GET.urlencode(),
        },
        status=status_code,
    )


@login_required
@require_GET
def weak_orgs_export(request):
    require(is_reader(request.user))
    status, year, root, rows = _weak_rows(request)
    columns = [
        ExcelColumn(_("Party organisation"), lambda f: f.org.name, 36),
        ExcelColumn(_("Year"), lambda f: f.year, 8),
        ExcelColumn(_("Reasons"), lambda f: f.reasons, 40),
        ExcelColumn(_("Rectification items"), lambda f: f.item_count, 10),
        ExcelColumn(_("Funds (yuan)"), lambda f: f.support_yuan, 12),
        ExcelColumn(_("Staff sent"), lambda f: f.staff_sent, 10),
        ExcelColumn(_("Status"), lambda f: f.get_status_display(), 14),
    ]
    notes = [
        (a["area_name"], str(a["count"])) for a in sel.counts_by_area(rows, user=request.user, root=root)
    ]
    book = list_workbook(title=_("Weak and lax organisations"), columns=columns, objects=rows, notes=notes)
    return xlsx_response(book, f"{_('Weak and lax organisations')}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def weak_org(request, pk: int):
    user = request.user
    require(is_reader(user))
    flag = get_for_user(WeakOrgFlag, user, pk)
    changeable = WeakOrgFlag.objects.restrict(user, CHANGE).filter(pk=flag.pk).exists()
    keeper = changeable and may(user, KEEP, flag.org)
    acceptor = changeable and may(user, WEAK_ORG_ACCEPT, flag.org)
    which = request.POST.get("form", "")
    require(request.method != "POST" or (which == "item" and keeper) or (which == "accept" and acceptor))
    item_form = forms.ItemForm(request.POST if which == "item" else None) if keeper else None
    accept_form = forms.AcceptForm(request.POST if which == "accept" else None) if acceptor else None
    if which == "accept":
        form, run = accept_form, lambda d: svc.weak_org_accept(user, flag=flag, note=d["note"])
    else:
        form, run = (
            item_form,
            lambda d: svc.weak_org_item_add(
                user, flag=flag, title=d["title"], working_days=d["working_days"]
            ),
        )
    done, status = form_run(request, form, run, success=_("Recorded."), then=lambda r: request.path)
    if done:
        return done
    return render(
        request,
        "assessment/standards/weak_org.html",
        {
            "flag": flag,
            "items": sel.weak_org_items(flag),
            "item_form": item_form,
            "accept_form": accept_form if flag.status == WeakOrgStatus.LISTED else None,
            "keeper": keeper,
        },
        status=status,
    )


@login_required
@require_POST
def weak_org_remove(request, pk: int):
    flag = get_for_user(WeakOrgFlag, request.user, pk, CHANGE)
    try:
        svc.weak_org_remove(request.user, flag=flag)
    except DomainError as error:
        return refused(request, error, reverse("assessment:weak_org", args=[flag.pk]))
    messages.success(request, _("The organisation is off the list."))
    return redirect("assessment:weak_orgs")


# -- checklists -------------------------------------------------------------------------------------------


def _checklist(request):
    templates = ChecklistTemplate.objects.filter(is_active=True).order_by("id")
    value = request.GET.get("checklist", "")
    template = templates.filter(pk=int(value)).first() if value.isdigit() else templates.first()
    return templates, template


@login_required
@require_http_methods(["GET", "POST"])
def checklists(request):
    user = request.user
    require(is_checklist_reader(user))
    templates, template = _checklist(request)
    ticker = may(user, CHECKLIST_TICK)
    require(request.method != "POST" or (ticker and template is not None))
    year = year_of(request)
    form = None
    if ticker and template is not None:
        form = forms.TickForm(
            request.POST or None,
            orgs=sel.checklist_orgs(user=user, template=template),
            items=template.items.all(),
            initial={"year": year},
        )
    done, status = form_run(
        request,
        form,
        lambda d: svc.checklist_tick(
            user, item=d["item"], org=d["org"], year=d["year"], evidence=d["evidence"]
        ),
        success=_("The item has been ticked."),
        then=lambda t: f"{request.path}?checklist={template.pk}&year={t.year}",
    )
    if done:
        return done
    items, rows = (
        sel.checklist_progress(user=user, template=template, year=year, root=org_root(request))
        if template
        else ([], [])
    )
    for row in rows:
        row.cells = [row.ticks.get(i.pk) for i in items]
    return render(
        request,
        "assessment/standards/checklists.html",
        {
            "templates": templates,
            "template": template,
            "items": items,
            "rows": rows,
            "count": len(rows),
            "figures": sel.checklist_figures(rows),
            "year": year,
            "form": form,
            "query": request.GET.urlencode(),
            "reader": is_reader(user),
        },
        status=status,
    )


@login_required
@require_GET
def checklists_export(request):
    require(is_checklist_reader(request.user))
    templates, template = _checklist(request)
    items, rows = ([], [])
    if template is not None:
        items, rows = sel.checklist_progress(
            user=request.user, template=template, year=year_of(request), root=org_root(request)
        )
    columns = [
        ExcelColumn(_("Party organisation"), lambda r: r.org.name, 36),
        *[
            ExcelColumn(i.name, (lambda r, pk=i.pk: _("Yes") if pk in r.ticks else _("No")), 12)
            for i in items
        ],
        ExcelColumn(_("Done"), lambda r: f"{r.done}/{r.total}", 8),
        ExcelColumn(_("Completion (%)"), lambda r: r.percent, 10),
    ]
    title = template.name if template else _("Checklists")
    book = list_workbook(title=title, columns=columns, objects=rows)
    return xlsx_response(book, f"{title}.xlsx")


# -- honours ----------------------------------------------------------------------------------------------


def _int(request, name):
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def _honour_rows(request):
    root = area_root(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in HonourKind.values else ""
    rows = sel.honours_for(
        user=request.user,
        kind=kind,
        title=request.GET.get("title", "")[:50],
        year=_int(request, "year"),
        since=_int(request, "since"),
        until=_int(request, "until"),
        root=root,
    )
    return root, kind, rows


@login_required
@require_http_methods(["GET", "POST"])
def honours(request):
    user = request.user
    require(is_reader(user))
    keeper = may(user, KEEP)
    require(keeper or request.method != "POST")
    form = (
        forms.HonourForm(
            request.POST or None, orgs=PartyOrg.objects.restrict(user, CHANGE), initial={"year": this_year()}
        )
        if keeper
        else None
    )

    def run(d):
        area = Area.objects.restrict(user).filter(pk=d["area"]).first() if d.get("area") else None
        person = person_of(user, d["person"]) if d["kind"] == HonourKind.PERSON else None
        return svc.honour_record(
            user,
            kind=d["kind"],
            title=d["title"],
            year=d["year"],
            awarding_body=d["awarding_body"],
            person=person,
            area=area,
            org=d.get("org"),
            awarded_on=d.get("awarded_on"),
            note=d["note"],
        )

    done, status = form_run(
        request, form, run, success=_("The honour has been recorded."), then=lambda h: request.path
    )
    if done:
        return done
    root, kind, rows = _honour_rows(request)
    return render(
        request,
        "assessment/standards/honours.html",
        {
            "form": form,
            "rows": rows[:LIST_LIMIT],
            "count": rows.count(),
            "figures": sel.honour_figures(rows, user=user, root=root),
            "kinds": HonourKind.choices,
            "kind": kind,
            "root": root,
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
@require_GET
def honours_export(request):
    require(is_reader(request.user))
    root, kind, rows = _honour_rows(request)
    columns = [
        ExcelColumn(_("Title"), lambda h: h.title, 20),
        ExcelColumn(_("Awarded to"), lambda h: h.get_kind_display(), 10),
        ExcelColumn(_("Holder"), lambda h: h.holder_name, 30),
        ExcelColumn(_("Year"), lambda h: h.year, 8),
        ExcelColumn(_("Awarding body"), lambda h: h.awarding_body, 24),
        ExcelColumn(_("Awarded on"), lambda h: h.awarded_on, 12),
    ]
    notes = [
        (f["label"], str(f["count"]))
        for f in sel.honour_figures(rows, user=request.user, root=root)["by_kind"]
    ]
    book = list_workbook(title=_("Honours"), columns=columns, objects=rows, notes=notes)
    return xlsx_response(book, f"{_('Honours')}.xlsx")


# -- brands -----------------------------------------------------------------------------------------------


def _brand_rows(request):
    status = request.GET.get("status", "")
    return sel.brands_for(
        user=request.user, status=status, year=_int(request, "year"), root=org_root(request)
    )


@login_required
@require_http_methods(["GET", "POST"])
def brands(request):
    user = request.user
    require(is_reader(user))
    keeper = may(user, KEEP)
    require(keeper or request.method != "POST")
    form = (
        forms.BrandForm(
            request.POST or None, orgs=PartyOrg.objects.restrict(user, CHANGE), initial={"year": this_year()}
        )
        if keeper
        else None
    )
    done, status = form_run(
        request,
        form,
        lambda d: svc.brand_record(
            user,
            org=d["org"],
            name=d["name"],
            year=d["year"],
            description=d["description"],
            status=d["status"],
        ),
        success=_("The brand has been recorded."),
        then=lambda b: request.path,
    )
    if done:
        return done
    rows = _brand_rows(request)
    return render(
        request,
        "assessment/standards/brands.html",
        {
            "form": form,
            "rows": rows[:LIST_LIMIT],
            "count": rows.count(),
            "figures": sel.brand_figures(rows),
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
@require_GET
def brands_export(request):
    require(is_reader(request.user))
    rows = _brand_rows(request)
    columns = [
        ExcelColumn(_("Name"), lambda b: b.name, 30),
        ExcelColumn(_("Owning organisation"), lambda b: b.org.name, 36),
        ExcelColumn(_("Year"), lambda b: b.year, 8),
        ExcelColumn(_("Status"), lambda b: b.get_status_display(), 10),
        ExcelColumn(_("Description"), lambda b: b.description, 40),
    ]
    book = list_workbook(title=_("Party-building brands"), columns=columns, objects=rows)
    return xlsx_response(book, f"{_('Party-building brands')}.xlsx")


# -- campaigns --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def campaigns(request):
    user = request.user
    require(is_reader(user))
    keeper = may(user, KEEP)
    require(keeper or request.method != "POST")
    form = (
        forms.CampaignForm(
            request.POST or None, areas=Area.objects.restrict(user, CHANGE).filter(depth__lte=3)
        )
        if keeper
        else None
    )
    done, status = form_run(
        request,
        form,
        lambda d: svc.campaign_create(
            user,
            title=d["title"],
            area=d["area"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            description=d["description"],
        ),
        success=_("The campaign has been set up."),
        then=lambda c: reverse("assessment:campaign", args=[c.pk]),
    )
    if done:
        return done
    rows = sel.campaigns_for(user=user)
    return render(
        request,
        "assessment/standards/campaigns.html",
        {"form": form, "rows": rows[:LIST_LIMIT], "count": rows.count()},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign(request, pk: int):
    user = request.user
    require(is_reader(user))
    campaign = get_for_user(Campaign, user, pk)
    keeper = Campaign.objects.restrict(user, CHANGE).filter(pk=pk).exists() and may(
        user, KEEP, at=campaign.area_path
    )
    which = request.POST.get("form", "")
    require(request.method != "POST" or keeper)
    nominate_form = forms.NominationForm(request.POST if which == "nominate" else None) if keeper else None
    activities = (
        PlaceActivity.objects.restrict(user)
        .filter(held_on__gte=campaign.starts_on, held_on__lte=campaign.ends_on)
        .order_by("held_on")
    )
    activity_form = (
        forms.CampaignActivityForm(request.POST if which == "activity" else None, activities=activities)
        if keeper
        else None
    )
    decide_form = forms.DecisionForm(request.POST if which == "decide" else None) if keeper else None
    if which == "activity":
        form, run = (
            activity_form,
            lambda d: svc.campaign_activity_add(user, campaign=campaign, activity=d["activity"]),
        )
    elif which == "decide":
        nomination = get_for_user(
            Nomination.objects.filter(campaign=campaign), user, request.POST.get("nomination") or 0, CHANGE
        )
        form, run = (
            decide_form,
            lambda d: svc.nomination_decide(
                user, nomination=nomination, status=d["status"], reward=d["reward"]
            ),
        )
    else:
        form, run = (
            nominate_form,
            lambda d: svc.nomination_add(
                user, campaign=campaign, person=person_of(user, d["person"]), reason=d["reason"]
            ),
        )
    done, status = form_run(request, form, run, success=_("Recorded."), then=lambda r: request.path)
    if done:
        return done
    nominations = sel.nominations_for(user=user, campaign=campaign)
    return render(
        request,
        "assessment/standards/campaign.html",
        {
            "campaign": campaign,
            "activities": campaign.activities.order_by("held_on"),
            "nominations": nominations,
            "count": len(nominations),
            "nominate_form": nominate_form,
            "activity_form": activity_form,
            "decide_form": decide_form,
            "keeper": keeper,
        },
        status=status,
    )


@login_required
@require_GET
def campaign_export(request, pk: int):
    require(is_reader(request.user))
    campaign = get_for_user(Campaign, request.user, pk)
    rows = sel.nominations_for(user=request.user, campaign=campaign)
    columns = [
        ExcelColumn(_("Rider"), lambda n: n.person.name, 12),
        ExcelColumn(_("Cases reported in the period"), lambda n: n.record.report_count, 12),
        ExcelColumn(_("Activities in the period"), lambda n: n.record.activity_count, 12),
        ExcelColumn(_("Status"), lambda n: n.get_status_display(), 10),
        ExcelColumn(_("Reward"), lambda n: n.reward, 20),
        ExcelColumn(_("Reason"), lambda n: n.reason, 40),
    ]
    book = list_workbook(title=campaign.title, columns=columns, objects=rows)
    return xlsx_response(book, f"{campaign.title}.xlsx")


# -- shared practices -------------------------------------------------------------------------------------


@login_required
@require_GET
def practice_boards(request):
    require(bool(request.user.person_id))
    rows = sel.sector_committees_for(user=request.user)
    return render(request, "assessment/standards/boards.html", {"rows": rows, "count": rows.count()})


@login_required
@require_http_methods(["GET", "POST"])
def practice_board(request, pk: int):
    user = request.user
    committee = sel.committee_for_board(user=user, pk=pk)
    orgs = sel.org_choices_for_practice(user=user).filter(under("path", committee.path))
    sharer = may(user, KEEP) and orgs.exists()
    require(request.method != "POST" or sharer)
    form = forms.PracticeForm(request.POST or None, orgs=orgs) if sharer else None
    done, status = form_run(
        request,
        form,
        lambda d: svc.practice_share(user, org=d["org"], title=d["title"], body=d["body"]),
        success=_("The practice has been shared."),
        then=lambda p: request.path,
    )
    if done:
        return done
    year = year_of(request)
    rows, practices = sel.practice_board(committee=committee, year=year)
    return render(
        request,
        "assessment/standards/board.html",
        {
            "committee": committee,
            "rows": rows,
            "count": len(rows),
            "practices": practices,
            "year": year,
            "form": form,
        },
        status=status,
    )
