"""What a person's page shows beside his posts and memberships: his mentor in a secretary studio and the
studios he leads (P004-37), his staff category changes (P004-40) and, for those who may make it, the
change of a full-time grid worker to community worker."""

from django.db.models import Q

from lianxin.areas.models import Area
from lianxin.core.scope import CHANGE, under
from lianxin.people.forms.staff import StaffCategoryForm
from lianxin.people.models import Person, Post
from lianxin.people.models.staff_category import StaffCategoryChange
from lianxin.people.roles import Role
from lianxin.people.services.staff_category import staff_category_changer


def staff_category_history(*, user, person: Person):
    return (
        StaffCategoryChange.objects.restrict(user)
        .filter(person=person)
        .select_related("from_post__area", "to_post__area")
        .order_by("-changed_on", "-id")
    )


def person_profile_extras(*, user, person: Person) -> dict:
    from lianxin.party.selectors.orgs import mentors_of, studios_led_by

    changeable = []
    if staff_category_changer(user):
        writable = Area.objects.restrict(user, CHANGE)
        changeable = list(
            Post.objects.restrict(user)
            .current()
            .filter(person=person, role=Role.GRID_WORKER, is_full_time=True, area__in=writable)
            .select_related("area")
        )
    send_down_estates = []
    if staff_category_changer(user):
        from lianxin.areas.models import Level
        from lianxin.people.services.staff_category import SENDABLE_ROLES

        communities = (
            Post.objects.current()
            .filter(person=person, role__in=SENDABLE_ROLES, area__level=Level.COMMUNITY)
            .values_list("area__path", flat=True)
        )
        condition = Q()
        for path in communities:
            condition |= under("path", path)
        if communities:
            send_down_estates = list(
                Area.objects.restrict(user, CHANGE)
                .filter(condition, level=Level.ESTATE, retired_on__isnull=True)
                .order_by("path")
            )
    from lianxin.people.appointments import NOT_APPOINTED_HERE, post_appointer
    from lianxin.people.forms.staff import AppointForm

    appointer = post_appointer(user)
    endable = []
    if appointer:
        endable = list(
            Post.objects.restrict(user, CHANGE)
            .current()
            .filter(person=person)
            .exclude(role__in=NOT_APPOINTED_HERE)
            .select_related("area", "party_org", "organisation", "department", "place")
        )
    from lianxin.party.models import Membership, MembershipKind

    own_member = (
        user.is_authenticated
        and user.person_id == person.pk
        and Membership.objects.current()
        .filter(person=person, kind__in=[MembershipKind.FULL, MembershipKind.PROBATIONARY])
        .exists()
    )
    from lianxin.people.accounts import account_linker
    from lianxin.people.models import User

    linkable = (
        account_linker(user)
        and user.person_id != person.pk
        and not User.objects.filter(person=person).exists()
        and Person.objects.restrict(user, CHANGE).filter(pk=person.pk).exists()
    )
    return {
        "account_linkable": linkable,
        "badge_choice": own_member,
        "appoint_form": AppointForm(user=user) if appointer else None,
        "endable_posts": endable,
        "send_down_estates": send_down_estates,
        "mentors": mentors_of(user=user, person=person),
        "studios_led": list(studios_led_by(user=user, person=person)),
        "category_changes": list(staff_category_history(user=user, person=person)),
        "category_posts": changeable,
        "category_form": StaffCategoryForm() if changeable else None,
    }
