"""Pairings (结对): the staff's list with the households in need still unpaired per area, a pairing's page
with its visits, the captain's and volunteers' visit log; co-building agreements and people sent down."""

import re

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.volunteering import links, selectors, services
from lianxin.volunteering.forms import AgreementForm, PairingForm, SentDownForm, VisitForm
from lianxin.volunteering.models import Pairing, SentDownStaff
from lianxin.volunteering.permissions import has_person, is_staff, unit_orgs_kept
from lianxin.volunteering.selectors.pairings import AGREEMENT_ORG_KINDS
from lianxin.volunteering.views.common import area_root, form_run, require, row_action

UNPAIRED_SHOWN = 200


def _pairing_url(pairing) -> str:
    return reverse("volunteering:pairing", args=[pairing.pk])


def in_a_pairing(user) -> bool:
    return has_person(user) and (is_staff(user) or Pairing.objects.restrict(user).exists())


def _people(user, text: str, field: str):
    return [
        links.person_find(user=user, text=t, field_name=field)
        for t in re.split(r"[\s,，、]+", text or "")
        if t
    ]


@login_required
@require_http_methods(["GET", "POST"])
def pairings(request):
    """Staff: pairings of the area, the households in need still unpaired per area and their list, and
    the form. A captain or volunteer: his own pairings."""
    user = request.user
    require(in_a_pairing(user))
    staff = is_staff(user)
    root = area_root(request) if staff else None
    form = None
    require(staff or request.method != "POST")
    if staff:
        needy = selectors.needy_households(user=user, root=root)
        form = PairingForm(
            request.POST or None, households=selectors.unpaired_households(user=user, root=root)
        )

    def pair(data):
        return services.pairing_create(
            user,
            household=data["household"],
            captain=links.person_find(user=user, text=data["captain"], field_name="captain"),
            volunteers=_people(user, data["volunteers"], "volunteers"),
            note=data["note"],
        )

    done, status = form_run(request, form, pair, success=_("The pairing has been made."), then=_pairing_url)
    if done:
        return done
    unpaired = selectors.unpaired_households(user=user, root=root) if staff else None
    return render(
        request,
        "volunteering/pairings.html",
        {
            "staff": staff,
            "root": root,
            "form": form,
            "rows": selectors.pairings_for(user=user, root=root).order_by("area_path", "id")[:300],
            "needy": needy.count() if staff else None,
            "unpaired": unpaired[:UNPAIRED_SHOWN] if staff else None,
            "unpaired_count": unpaired.count() if staff else None,
            "by_area": selectors.unpaired_by_area(user=user, root=root) if staff else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def pairing(request, pk: int):
    user = request.user
    pairing = get_for_user(Pairing, user, pk)
    in_it = user.person_id == pairing.captain_id or pairing.volunteers.filter(pk=user.person_id).exists()
    form = VisitForm(request.POST or None) if in_it and pairing.ended_on is None else None
    require(form is not None or request.method != "POST")
    done, status = form_run(
        request,
        form,
        lambda data: services.pairing_visit_log(user, pairing=pairing, **data),
        success=_("The visit has been logged."),
        then=lambda visit: request.path,
    )
    if done:
        return done
    return render(
        request,
        "volunteering/pairing.html",
        {
            "pairing": pairing,
            "volunteers": pairing.volunteers.order_by("name"),
            "visits": selectors.pairing_visits(user=user, pairing=pairing),
            "form": form,
            "may_end": is_staff(user)
            and pairing.ended_on is None
            and Pairing.objects.restrict(user, CHANGE).filter(pk=pairing.pk).exists(),
        },
        status=status,
    )


@login_required
@require_POST
def pairing_end(request, pk: int):
    require(is_staff(request.user))
    return row_action(
        request,
        Pairing,
        pk,
        lambda pairing: services.pairing_end(request.user, pairing=pairing),
        success=_("The pairing has ended."),
        back="volunteering:pairings",
        then=_pairing_url,
    )


def _grassroots_orgs(user):
    return PartyOrg.objects.restrict(user, CHANGE).filter(kind__in=AGREEMENT_ORG_KINDS, area__isnull=False)


@login_required
@require_http_methods(["GET", "POST"])
def agreements(request):
    """Co-building agreements: staff record and count them; a unit's contact reads his unit's (no form)."""
    user = request.user
    staff = is_staff(user)
    require(staff or unit_orgs_kept(user).exists())
    root = area_root(request)
    require(staff or request.method != "POST")
    form = AgreementForm(request.POST or None, orgs=_grassroots_orgs(user)) if staff else None
    done, status = form_run(
        request,
        form,
        lambda data: services.agreement_create(user, **data),
        success=_("The agreement has been recorded."),
        then=lambda agreement: request.path,
    )
    if done:
        return done
    return render(
        request,
        "volunteering/agreements.html",
        {
            "form": form,
            "root": root,
            "rows": selectors.agreements_for(user=user, root=root).order_by("-signed_on", "-id")[:300],
            "figures": selectors.agreement_figures(user=user, root=root),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sent_down(request):
    user = request.user
    require(is_staff(user))
    root = area_root(request)
    form = SentDownForm(request.POST or None, orgs=_grassroots_orgs(user))

    def add(data):
        person = links.person_find(user=user, text=data["person"])
        return services.sent_down_add(
            user, person=person, party_org=data["party_org"], kind=data["kind"], since=data["since"]
        )

    done, status = form_run(
        request,
        form,
        add,
        success=_("The person has been recorded as sent down."),
        then=lambda r: request.path,
    )
    if done:
        return done
    return render(
        request,
        "volunteering/sent_down.html",
        {
            "form": form,
            "root": root,
            "rows": selectors.sent_down_for(user=user, root=root).order_by("org_path", "id")[:300],
            "figures": selectors.sent_down_figures(user=user, root=root),
        },
        status=status,
    )


@login_required
@require_POST
def sent_down_end(request, pk: int):
    require(is_staff(request.user))
    return row_action(
        request,
        SentDownStaff,
        pk,
        lambda record: services.sent_down_end(request.user, record=record),
        success=_("Recorded."),
        back="volunteering:sent_down",
        then=lambda record: reverse("volunteering:sent_down"),
    )
