"""The person pages: search (by name, or exactly by mobile or ID number), a person's page with masked
numbers, and opening a full number for a stated reason, which is logged."""

import re

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from lianxin.areas.models import Area, Household
from lianxin.areas.selectors import posts_current
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user, under
from lianxin.party.models import Membership, PartyOrg
from lianxin.people.models import Person, Post, is_mobile, normalise_id_number
from lianxin.people.selectors import user_sees_full_numbers
from lianxin.people.services.persons import REVEALABLE_FIELDS, person_reveal

PAGE_SIZE = 30
_ID_NUMBER = re.compile(r"^(\d{17}[\dX]|\d{15})$")


def person_search_queryset(*, user, q: str = "", area: Area | None = None):
    """Persons the user may see, by name (contains) or exactly by mobile or ID number (blind index): the
    encrypted numbers cannot be searched by part, and need not be."""
    persons = Person.objects.restrict(user)
    if area is not None:
        persons = persons.filter(under("area_path", area.path))
    q = q.strip()
    if q and is_mobile(q):
        persons = persons.filter(mobile_index=Person.mobile_lookup(q))
    elif q and _ID_NUMBER.match(normalise_id_number(q)):
        persons = persons.filter(id_number_index=Person.id_number_lookup(q))
    elif q:
        persons = persons.filter(name__icontains=q)
    return persons.select_related("household", "area").order_by("area_path", "name", "id")


@login_required
@require_GET
def person_search(request):
    user = request.user
    q = request.GET.get("q", "")[:50]
    area = get_for_user(Area, user, request.GET["area"]) if request.GET.get("area") else None
    page = Paginator(person_search_queryset(user=user, q=q, area=area), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    keep = {key: value for key, value in (("q", q.strip()), ("area", area.pk if area else "")) if value}
    context = {"q": q, "area": area, "page": page, "query": urlencode(keep)}
    return render(request, "people/person_search.html", context)


def _detail_context(request, person: Person) -> dict:
    from lianxin.people.profile_extras import person_profile_extras

    return {
        **_detail_context_base(request, person),
        **person_profile_extras(user=request.user, person=person),
    }


def _detail_context_base(request, person: Person) -> dict:
    user = request.user
    household = None
    if person.household_id:
        household = Household.objects.restrict(user).filter(pk=person.household_id).first()
    area = Area.objects.restrict(user).filter(pk=person.area_id).first() if person.area_id else None
    memberships = list(
        Membership.objects.restrict(user)
        .current()
        .filter(person=person)
        .select_related("org")
        .order_by("-is_home", "start_date")
    )
    return {
        "person": person,
        "household": household,
        "area": area,
        "area_name": person.area.name if person.area_id else "",
        "posts": posts_current(user)
        .filter(person=person)
        .select_related("area", "party_org", "department", "organisation", "place"),
        "memberships": memberships,
        "editable_posts": set(
            Post.objects.restrict(user, CHANGE).filter(person=person).values_list("pk", flat=True)
        ),
        "openable_orgs": set(
            PartyOrg.objects.restrict(user)
            .filter(pk__in=[m.org_id for m in memberships])
            .values_list("pk", flat=True)
        ),
        "can_reveal": user_sees_full_numbers(user=user, person=person),
        "revealable": [f for f in REVEALABLE_FIELDS if getattr(person, f)],
        "revealed": {},
        "error": None,
    }


@login_required
@require_GET
def person_detail(request, pk: int):
    person = get_for_user(Person.objects.select_related("employer", "area"), request.user, pk)
    return render(request, "people/person_detail.html", _detail_context(request, person))


@never_cache
@login_required
@require_POST
def person_reveal_view(request, pk: int):
    """Show one full number once, in this response only: reloading the page shows it masked again."""
    person = get_for_user(Person.objects.select_related("employer", "area"), request.user, pk)
    context = _detail_context(request, person)
    field = request.POST.get("field", "")
    try:
        value = person_reveal(
            actor=request.user,
            person=person,
            field=field,
            reason=request.POST.get("reason", ""),
            ip=request.META.get("REMOTE_ADDR"),
        )
    except DomainError as error:
        context["error"] = error
        context["reason"] = request.POST.get("reason", "")
        return render(request, "people/person_detail.html", context, status=400)
    context["revealed"] = {field: value}
    return render(request, "people/person_detail.html", context)
