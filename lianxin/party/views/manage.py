"""Pages that set up and keep party organisations and their members, key industry chains, member posts
and secretary studios. Thin: each parses a form, calls one service and shows the result; a refused input
is shown on the form with a 400."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.forms.manage import (
    ChainForm,
    MemberPostForm,
    MembershipAddForm,
    MembershipEditForm,
    MenteeForm,
    OrgForm,
    StudioForm,
)
from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.party.models.chains import IndustryChain
from lianxin.party.models.member_posts import MemberPost
from lianxin.party.models.studios import SecretaryStudio, StudioMentee
from lianxin.party.selectors.orgs import (
    industry_chains,
    member_posts,
    person_find,
    secretary_studios,
)
from lianxin.party.services import mobile as mobile_services
from lianxin.party.services import orgs as services
from lianxin.people.models import Post
from lianxin.people.roles import Role


def org_manager_require(user) -> None:
    if not services.org_manager(user):
        raise PermissionDenied


def _refused(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _form_page(request, form, *, title: str, intro: str = "", back=None, status: int = 200):
    return render(
        request,
        "party/form.html",
        {"form": form, "title": title, "intro": intro, "back": back},
        status=status,
    )


def _area_by_code(user, code: str) -> Area | None:
    code = (code or "").strip()
    if not code:
        return None
    area = Area.objects.restrict(user).filter(code=code).first()
    if area is None:
        raise DomainError(_("No area within your scope has this code."), code="invalid", field="area_code")
    return area


def _current_secretary(user, org: PartyOrg) -> Post | None:
    return (
        Post.objects.restrict(user)
        .current()
        .filter(party_org=org, role=Role.SECRETARY)
        .select_related("person")
        .first()
    )


# -- organisations -------------------------------------------------------------------------------------


def _org_values(user, data: dict) -> dict:
    """What the organisation form says, as the services take it (setting up and changing alike)."""
    return {
        "kind": data["kind"],
        "name": data["name"],
        "area": _area_by_code(user, data["area_code"]),
        "secretary": person_find(user=user, text=data["secretary"], field_name="secretary"),
        **{
            name: data[name]
            for name in (
                "field",
                "sector",
                "setup_mode",
                "founded_on",
                "organisations",
                "has_plaque",
                "office_place",
                "operating_since",
            )
        },
    }


@login_required
@require_http_methods(["GET", "POST"])
def org_create(request):
    user = request.user
    org_manager_require(user)
    parent = (
        get_for_user(PartyOrg, user, request.GET["parent"], CHANGE) if request.GET.get("parent") else None
    )
    form = OrgForm(
        request.POST or None, user=user, initial={"parent": parent, "field": parent and parent.field}
    )
    title = _("New party organisation")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            org = services.party_org_add(actor=user, parent=data["parent"], **_org_values(user, data))
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(org)s was set up.") % {"org": org.name})
            return redirect("party:detail", org.pk)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form, title=title, back=parent, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def org_edit(request, pk: int):
    user = request.user
    org = get_for_user(PartyOrg.objects.select_related("area"), user, pk, CHANGE)
    org_manager_require(user)
    secretary = _current_secretary(user, org)
    initial = {
        "name": org.name,
        "kind": org.kind,
        "parent": PartyOrg.objects.get_parent(org),
        "area_code": org.area.code if org.area_id else "",
        "secretary": secretary.person.mobile if secretary and secretary.person.mobile else "",
        "field": org.field,
        "sector": org.sector,
        "setup_mode": org.setup_mode,
        "founded_on": org.founded_on,
        "organisations": list(org.organisations.all()),
        "has_plaque": org.has_plaque,
        "office_place": org.office_place,
        "operating_since": org.operating_since,
    }
    form = OrgForm(request.POST or None, user=user, exclude=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.party_org_edit(actor=user, org=org, parent=data["parent"], **_org_values(user, data))
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(org)s was changed.") % {"org": org.name})
            return redirect("party:detail", org.pk)
    status = 400 if request.method == "POST" else 200
    intro = _("Current secretary: %(name)s") % {"name": secretary.person.name} if secretary else ""
    return _form_page(
        request, form, title=_("Change %(org)s") % {"org": org.name}, intro=intro, back=org, status=status
    )


# -- memberships --------------------------------------------------------------------------------------


def _enrol(user, org: PartyOrg, person, data: dict) -> Membership:
    """A mobile branch enrols mobile members who keep their home branch (P003-17); an applicant is recorded
    with the day his application was received (P003-19); anyone else is enrolled as the form says."""
    if org.kind == OrgKind.MOBILE_BRANCH and data["kind"] != MembershipKind.APPLICANT:
        return mobile_services.mobile_member_enrol(
            actor=user, person=person, branch=org, work_place=data["work_place"]
        )
    if data["kind"] == MembershipKind.APPLICANT:
        return mobile_services.applicant_record(
            actor=user, person=person, branch=org, applied_on=data["applied_on"]
        )
    return services.membership_add(
        actor=user,
        person=person,
        org=org,
        kind=data["kind"],
        is_home=data["is_home"],
        is_mobile=data["is_mobile"],
        work_place=data["work_place"],
        joined_on=data["joined_on"],
        start_date=data["start_date"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request, pk: int):
    user = request.user
    org = get_for_user(PartyOrg, user, pk, CHANGE)
    org_manager_require(user)
    form = MembershipAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = _enrol(user, org, person_find(user=user, text=data["person"]), data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(person)s was enrolled.") % {"person": membership.person.name})
            return redirect("party:detail", org.pk)
    status = 400 if request.method == "POST" else 200
    if org.kind == OrgKind.MOBILE_BRANCH:
        intro = _(
            "A mobile branch enrols party members as mobile members: their organisational relation stays "
            "with their home branch, and they are counted once. An applicant to join is recorded with the "
            "day the application was received."
        )
    else:
        intro = _(
            "An applicant to join the party is recorded with the day the application was received; he "
            "becomes a probationary member later, by changing the membership."
        )
    return _form_page(
        request,
        form,
        title=_("Enrol a member in %(org)s") % {"org": org.name},
        intro=intro,
        back=org,
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, pk: int):
    user = request.user
    membership = get_for_user(Membership.objects.select_related("org", "person"), user, pk, CHANGE)
    org_manager_require(user)
    initial = {
        "kind": membership.kind,
        "is_mobile": membership.is_mobile,
        "work_place": membership.work_place,
        "joined_on": membership.joined_on,
    }
    form = MembershipEditForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.membership_edit(
                actor=user,
                membership=membership,
                kind=data["kind"],
                is_mobile=data["is_mobile"],
                work_place=data["work_place"],
                joined_on=data["joined_on"],
                move_to=data["move_to"],
                end_on=data["end_on"],
            )
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(
                request, _("The membership of %(person)s was changed.") % {"person": membership.person.name}
            )
            return redirect("party:detail", result.org_id)
    status = 400 if request.method == "POST" else 200
    title = _("Membership of %(person)s in %(org)s") % {
        "person": membership.person.name,
        "org": membership.org.name,
    }
    return _form_page(request, form, title=title, back=membership.org, status=status)


# -- key industry chains -----------------------------------------------------------------------------


@login_required
@require_GET
def chain_list(request):
    user = request.user
    gaps = request.GET.get("gaps") == "1"
    rows = industry_chains(user=user, gaps_only=gaps)
    manager = services.org_manager(user)
    return render(
        request,
        "party/chains.html",
        {"rows": rows, "gaps": gaps, "form": ChainForm(user=user) if manager else None},
    )


def _chain_save(request, form, chain=None):
    data = form.cleaned_data
    values = {
        "name": data["name"],
        "is_ready": data["is_ready"],
        "ready_on": data["ready_on"],
        "party_org": data["party_org"],
        "enterprises": data["enterprises"],
        "note": data["note"],
    }
    if chain is None:
        return services.industry_chain_create(actor=request.user, area=data["area"], **values)
    return services.industry_chain_edit(actor=request.user, chain=chain, **values)


@login_required
@require_POST
def chain_create(request):
    user = request.user
    org_manager_require(user)
    form = ChainForm(request.POST, user=user)
    if form.is_valid():
        try:
            chain = _chain_save(request, form)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(chain)s was put on the list.") % {"chain": chain.name})
            return redirect("party:chains")
    return _form_page(request, form, title=_("New key industry chain"), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def chain_edit(request, pk: int):
    user = request.user
    chain = get_for_user(IndustryChain, user, pk, CHANGE)
    org_manager_require(user)
    initial = {
        "name": chain.name,
        "area": chain.area,
        "is_ready": chain.is_ready,
        "ready_on": chain.ready_on,
        "party_org": chain.party_org,
        "enterprises": list(chain.enterprises.all()),
        "note": chain.note,
    }
    form = ChainForm(request.POST or None, user=user, initial=initial)
    form.fields["area"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            _chain_save(request, form, chain)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(chain)s was changed.") % {"chain": chain.name})
            return redirect("party:chains")
    status = 400 if request.method == "POST" else 200
    return _form_page(request, form, title=_("Change %(chain)s") % {"chain": chain.name}, status=status)


# -- member model posts and responsibility areas --------------------------------------------------------


@login_required
@require_GET
def member_post_list(request):
    user = request.user
    root = get_for_user(Area, user, request.GET["area"]) if request.GET.get("area") else None
    groups: dict[int, dict] = {}
    for post in member_posts(user=user, root=root)[:2000]:
        groups.setdefault(post.org_id, {"org": post.org, "posts": []})["posts"].append(post)
    return render(request, "party/member_posts.html", {"groups": list(groups.values()), "root": root})


@login_required
@require_POST
def member_post_create(request, pk: int):
    user = request.user
    org = get_for_user(PartyOrg, user, pk, CHANGE)
    org_manager_require(user)
    form = MemberPostForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.member_post_designate(
                actor=user,
                org=org,
                kind=data["kind"],
                name=data["name"],
                holder=person_find(user=user, text=data["holder"], field_name="holder"),
                designated_on=data["designated_on"],
            )
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(name)s was designated.") % {"name": data["name"]})
            return redirect("party:detail", org.pk)
    return _form_page(
        request, form, title=_("Designate a member post in %(org)s") % {"org": org.name}, back=org, status=400
    )


@login_required
@require_POST
def member_post_end(request, pk: int):
    user = request.user
    post = get_for_user(MemberPost, user, pk, CHANGE)
    org_manager_require(user)
    try:
        services.member_post_end(actor=user, member_post=post)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("party:detail", post.org_id)


# -- secretary studios ----------------------------------------------------------------------------------


@login_required
@require_GET
def studio_list(request):
    user = request.user
    manager = services.org_manager(user)
    return render(
        request,
        "party/studios.html",
        {
            "studios": secretary_studios(user=user),
            "form": StudioForm(user=user) if manager else None,
            "mentee_form": MenteeForm() if manager else None,
        },
    )


@login_required
@require_POST
def studio_create(request):
    user = request.user
    org_manager_require(user)
    form = StudioForm(request.POST, user=user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            studio = services.secretary_studio_create(
                actor=user,
                name=data["name"],
                lead=person_find(user=user, text=data["lead"], field_name="lead"),
                area=data["area"],
                founded_on=data["founded_on"],
            )
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(studio)s was set up.") % {"studio": studio.name})
            return redirect("party:studios")
    return _form_page(request, form, title=_("New secretary studio"), status=400)


@login_required
@require_POST
def studio_mentee_create(request, pk: int):
    user = request.user
    studio = get_for_user(SecretaryStudio, user, pk, CHANGE)
    org_manager_require(user)
    form = MenteeForm(request.POST)
    if form.is_valid():
        try:
            link = services.studio_mentee_add(
                actor=user,
                studio=studio,
                mentee=person_find(user=user, text=form.cleaned_data["mentee"], field_name="mentee"),
                since=form.cleaned_data["since"],
            )
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(person)s joined the studio.") % {"person": link.mentee.name})
            return redirect("party:studios")
    return _form_page(
        request, form, title=_("Add a mentee to %(studio)s") % {"studio": studio.name}, status=400
    )


@login_required
@require_POST
def studio_mentee_end(request, pk: int):
    user = request.user
    link = get_for_user(StudioMentee.objects.select_related("studio"), user, pk)
    org_manager_require(user)
    try:
        services.studio_mentee_end(actor=user, link=link)
    except DomainError as error:
        if error.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, error.message)
    return redirect("party:studios")


# -- property companies and key companies (P000-39, P000-40) ----------------------------------------------


@login_required
@require_GET
def property_company_list(request):
    from lianxin.party.selectors.orgs import property_companies

    user = request.user
    key_only = request.GET.get("key") == "1"
    return render(
        request,
        "party/property_companies.html",
        {
            "rows": property_companies(user=user, key_only=key_only),
            "key_only": key_only,
            "can_manage": services.org_manager(user),
        },
    )


@login_required
@require_POST
def key_company_toggle(request, pk: int):
    from lianxin.people.models import Organisation

    user = request.user
    company = get_for_user(Organisation, user, pk)
    org_manager_require(user)
    try:
        services.key_company_mark(actor=user, company=company, is_key=request.POST.get("is_key") == "1")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("party:property_companies")


@login_required
@require_POST
def org_notice(request, pk: int):
    """A notice to every level under this organisation, down to the member households (P004-20)."""
    user = request.user
    org = get_for_user(PartyOrg, user, pk, CHANGE)
    org_manager_require(user)
    try:
        outbox = services.party_notice_all_levels(
            actor=user, org=org, title=request.POST.get("title", ""), body=request.POST.get("body", "")
        )
    except DomainError as error:
        if error.code == "forbidden":
            raise PermissionDenied from None
        from django.http import HttpResponseBadRequest

        return HttpResponseBadRequest(error.message)
    messages.success(
        request,
        _("The notice was sent to %(n)d people at every level.") % {"n": len(outbox.targets["persons"])},
    )
    return redirect("party:detail", org.pk)
