"""A street's three-level organisation page (P002-47): working committee → party-building office → party
service centre and its staff, with the forms that set up what is missing. Thin: each write parses a form,
calls one service (``services.street``) and goes back to the page; a refused input is shown on the page
with a 400."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.forms.street import StreetCentreForm, StreetOfficeForm, StreetStaffForm
from lianxin.party.selectors.orgs import person_find
from lianxin.party.selectors.street import street_centre_candidates, street_structure
from lianxin.party.services import street as services
from lianxin.party.services.orgs import org_manager


def _street(user, pk: int, action: str = "view") -> Area:
    return get_for_user(Area.objects.filter(level=Level.STREET), user, pk, action)


def _can_set_up(user, street: Area) -> bool:
    # The post that sets up organisations must itself be able to change the street.
    return may(user, "party_org.edit", street)


def _page(request, street: Area, *, status: int = 200, refusal: str = "", **bound):
    user = request.user
    structure = street_structure(user=user, street=street)
    can_set_up = _can_set_up(user, street)
    forms = {}
    if can_set_up and structure.committee is not None:
        if structure.office is None:
            forms["office_form"] = bound.get("office_form") or StreetOfficeForm(
                initial={"name": _("%(street)s party-building office") % {"street": street.name}}
            )
        else:
            places = street_centre_candidates(user=user, street=street, office=structure.office)
            if structure.centre is not None:
                places = places.exclude(pk=structure.centre.pk)
            forms["centre_form"] = bound.get("centre_form") or StreetCentreForm(
                places=places,
                initial={"name": _("%(street)s party service centre") % {"street": street.name}},
            )
            if structure.centre is not None:
                forms["staff_form"] = bound.get("staff_form") or StreetStaffForm()
    context = {"street": street, "s": structure, "can_set_up": can_set_up, "refusal": refusal, **forms}
    return render(request, "party/street_structure.html", context, status=status)


def _refused(form, error: DomainError) -> str:
    """A refusal about one field goes on the form; any other is shown at the top of the page."""
    if error.code == "forbidden":
        raise PermissionDenied
    if error.field in form.fields:
        form.add_error(error.field, error.message)
        return ""
    return error.message


def _writer(request, pk: int) -> Area:
    street = _street(request.user, pk, CHANGE)
    if not org_manager(request.user):
        raise PermissionDenied
    return street


def _submit(request, street: Area, form, form_name: str, write):
    """One set-up form: ``write(data)`` calls the service and returns the message to show; a refused input
    comes back on the page, on its form, with a 400."""
    refusal = ""
    if form.is_valid():
        try:
            message = write(form.cleaned_data)
        except DomainError as error:
            refusal = _refused(form, error)
        else:
            messages.success(request, message)
            return redirect("party:street_structure", street.pk)
    return _page(request, street, status=400, refusal=refusal, **{form_name: form})


@login_required
@require_GET
def street_structure_page(request, pk: int):
    return _page(request, _street(request.user, pk))


@login_required
@require_POST
def street_office_create(request, pk: int):
    user = request.user
    street = _writer(request, pk)

    def write(data):
        office = services.street_office_ensure(actor=user, street=street, name=data["name"])
        return _("%(org)s was set up.") % {"org": office.name}

    return _submit(request, street, StreetOfficeForm(request.POST), "office_form", write)


@login_required
@require_POST
def street_centre_set(request, pk: int):
    user = request.user
    street = _writer(request, pk)
    committee = services.street_committee(street)
    office = services.committee_office(committee) if committee is not None else None
    places = street_centre_candidates(user=user, street=street, office=office)

    def write(data):
        centre = services.street_centre_link(
            actor=user, street=street, place=data["place"], name=data["name"]
        )
        return _("%(place)s is run by the party-building office.") % {"place": centre.name}

    return _submit(request, street, StreetCentreForm(request.POST, places=places), "centre_form", write)


@login_required
@require_POST
def street_staff_add(request, pk: int):
    user = request.user
    street = _writer(request, pk)

    def write(data):
        post = services.street_centre_staff_add(
            actor=user,
            street=street,
            person=person_find(user=user, text=data["person"]),
            role=data["role"],
            staffing_type=data["staffing_type"],
            duties=data["duties"],
            start_date=data["start_date"],
        )
        return _("%(person)s now holds the post of %(role)s.") % {
            "person": post.person.name,
            "role": post.get_role_display(),
        }

    return _submit(request, street, StreetStaffForm(request.POST), "staff_form", write)
