"""志愿者报到 (a resident's or an employed member's own page, built for a phone) and the staff's vetting
list of volunteer and unit registrations, with approve and refuse."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.areas.models import Area
from lianxin.core.scope import CHANGE, get_for_user, under
from lianxin.party.models import Membership
from lianxin.people.models import Person
from lianxin.volunteering import selectors, services
from lianxin.volunteering.forms import RegisterForm, UnitHeadPostForm, UnitRegisterForm
from lianxin.volunteering.models import (
    RegistrantKind,
    RegistrationStatus,
    UnitRegistration,
    VolunteerRegistration,
)
from lianxin.volunteering.permissions import has_person, is_approver, is_staff, unit_orgs_kept
from lianxin.volunteering.services.common import COMMUNITY_LEVELS, community_of
from lianxin.volunteering.services.registrations import unit_head_posts
from lianxin.volunteering.views.common import form_run, require, row_action


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    user = request.user
    require(has_person(user))
    form = RegisterForm(request.POST or None)
    done, status = form_run(
        request,
        form,
        lambda data: services.volunteer_register(user, **data),
        success=_("You have registered. The community will let you know."),
        then=lambda registration: request.path,
    )
    if done:
        return done
    return render(
        request,
        "volunteering/register.html",
        {
            "form": form,
            "mine": selectors.registrations_mine(user=user),
            "community": community_of(user.person),
        },
        status=status,
    )


def _status_filter(request, default: str = RegistrationStatus.PENDING) -> str:
    """The status the list shows: ?status= if valid ("" for all), else the default: pending for those who
    decide, all for those who only follow (a unit's contact first sees his unit's registrations, not 0)."""
    value = request.GET.get("status", default)
    return value if value in RegistrationStatus.values or value == "" else default


@login_required
@require_http_methods(["GET"])
def vetting(request):
    """Volunteer registrations of the staff's communities, pending first by default, with their count."""
    user = request.user
    require(is_staff(user))
    status = _status_filter(request)
    rows = selectors.registrations_for(user=user, status=status).order_by("-id")
    return render(
        request,
        "volunteering/vetting.html",
        {
            "rows": rows[:200],
            "count": rows.count(),
            "status": status,
            "statuses": RegistrationStatus.choices,
            "may_decide": is_approver(user),
        },
    )


# The four decisions: (model, service, whether it takes a reason, list page to return to).
DECISIONS = {
    "registration_approve": (
        VolunteerRegistration,
        services.volunteer_registration_approve,
        False,
        "vetting",
    ),
    "registration_refuse": (VolunteerRegistration, services.volunteer_registration_refuse, True, "vetting"),
    "unit_approve": (UnitRegistration, services.unit_registration_approve, False, "units"),
    "unit_refuse": (UnitRegistration, services.unit_registration_refuse, True, "units"),
}


def _decide(request, pk: int, decision: str):
    model, service, with_reason, page = DECISIONS[decision]
    user = request.user
    require(is_staff(user))
    extra = {"reason": request.POST.get("reason", "")} if with_reason else {}
    return row_action(
        request,
        model,
        pk,
        lambda registration: service(user, registration=registration, **extra),
        success=_("Refused.") if with_reason else _("Approved."),
        back=f"volunteering:{page}",
        then=lambda registration: reverse(f"volunteering:{page}"),
    )


@login_required
@require_POST
def registration_approve(request, pk: int):
    return _decide(request, pk, "registration_approve")


@login_required
@require_POST
def registration_refuse(request, pk: int):
    return _decide(request, pk, "registration_refuse")


@login_required
@require_POST
def unit_registration_approve(request, pk: int):
    return _decide(request, pk, "unit_approve")


@login_required
@require_POST
def unit_registration_refuse(request, pk: int):
    return _decide(request, pk, "unit_refuse")


def unit_choices(user):
    """What the unit registration form offers: the party organisations the user registers for, the
    communities (their names are not personal data: a unit reports to any), and the members of his
    organisations."""
    orgs = unit_orgs_kept(user)
    communities = Area.objects.filter(level__in=COMMUNITY_LEVELS, retired_on__isnull=True).order_by("path")
    condition = Q(pk__in=[])
    for path in orgs.values_list("path", flat=True)[:50]:
        condition |= under("org_path", path)
    members = Membership.objects.restrict(user).current().filter(condition).values("person_id")
    heads = Person.objects.filter(pk__in=members).order_by("name")
    return orgs, communities, heads


def keeps_units(user) -> bool:
    return is_staff(user) or unit_orgs_kept(user).exists()


@login_required
@require_http_methods(["GET", "POST"])
def units(request):
    """Units registered at the staff's communities (单位报到), and the form a unit's party organisation
    registers with."""
    user = request.user
    require(keeps_units(user))
    orgs, communities, heads = unit_choices(user)
    form = UnitRegisterForm(request.POST or None, unit_orgs=orgs, communities=communities, heads=heads)
    done, page_status = form_run(
        request,
        form,
        lambda data: services.unit_register(user, **data),
        success=_("The unit has registered."),
        then=lambda registration: request.path,
    )
    if done:
        return done
    status = _status_filter(request, RegistrationStatus.PENDING if is_staff(user) else "")
    rows = selectors.unit_registrations_for(user=user, status=status).order_by("-id")
    members = list(
        selectors.registrations_for(user=user).filter(kind=RegistrantKind.MEMBER).order_by("-id")[:200]
    )
    records = selectors.service_records(r.person_id for r in members)
    for registration in members:
        registration.service = records[registration.person_id]
    return render(
        request,
        "volunteering/units.html",
        {
            "form": form,
            "rows": rows[:200],
            "count": rows.count(),
            "status": status,
            "statuses": RegistrationStatus.choices,
            "may_decide": is_staff(user),
            # Employed members' registrations: the community's, for its staff; the unit's own members', for
            # the unit's secretary or contact (his unit follows his service).
            "members": members,
        },
        status=page_status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit(request, pk: int):
    """One unit registration: the unit, its party head and the head's posts at the community; those who
    appoint posts over the community give the head one here (P001-42)."""
    user = request.user
    require(keeps_units(user))
    registration = get_for_user(
        UnitRegistration.objects.select_related("unit_org", "community", "head", "decided_by"), user, pk
    )
    may_appoint = (
        is_approver(user)
        and registration.status == RegistrationStatus.APPROVED
        and Area.objects.restrict(user, CHANGE).filter(pk=registration.community_id).exists()
    )
    form = UnitHeadPostForm(request.POST or None) if may_appoint else None
    if request.method == "POST" and form is None:
        require(False)
    done, status = form_run(
        request,
        form,
        lambda data: services.unit_head_appoint(user, registration=registration, **data),
        success=_("%(name)s holds the post.") % {"name": registration.head.name},
        then=lambda post: request.path,
    )
    if done:
        return done
    return render(
        request,
        "volunteering/unit.html",
        {
            "registration": registration,
            "posts": unit_head_posts(registration),
            "form": form,
        },
        status=status,
    )
