"""Bringing a full-time grid worker under community-worker management (P004-40)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE
from lianxin.people.appointments import post_refuse_administrator, post_write_check
from lianxin.people.models import Post
from lianxin.people.models.staff_category import StaffCategoryChange, TransferMethod
from lianxin.people.roles import PostSource, Role


def staff_category_changer(user) -> bool:
    """The organisation department and the secretaries ("staff.change_category"); the service checks that
    the worker's post lies in their scope."""
    return may(user, "staff.change_category")


@transaction.atomic
def staff_category_change(*, actor, post: Post, method: str, on: date | None = None) -> StaffCategoryChange:
    """The full-time grid worker post ends the day before ``on``; a full-time community worker post over the
    same area starts on ``on``; the change is kept with its method. Both posts stay in his history."""
    if not staff_category_changer(actor):
        raise DomainError(
            _("Only the organisation department and party secretaries may do this."), code="forbidden"
        )
    post = Post.objects.select_related("area", "person").get(pk=post.pk)
    # The grid worker post ends and a community worker post starts: both are his, never the actor's own.
    post_write_check(actor=actor, person=post.person, role=Role.COMMUNITY_WORKER)
    if post.area_id is None or not Area.objects.restrict(actor, CHANGE).filter(pk=post.area_id).exists():
        raise DomainError(_("You may not change posts of this area."), code="forbidden")
    if method not in TransferMethod.values:
        raise DomainError(
            _("Choose transfer by selection or the unified examination."), code="invalid", field="method"
        )
    on = on or timezone.localdate()
    if post.role != Role.GRID_WORKER or not post.is_full_time:
        raise DomainError(
            _("Only a full-time grid worker's post is changed to community worker."), code="invalid"
        )
    if post.end_date is not None and post.end_date < on:
        raise DomainError(_("This post has already ended."), code="ended")
    if on <= post.start_date:
        raise DomainError(
            _("The change must come after the grid worker post began (%(date)s).")
            % {"date": post.start_date.isoformat()},
            code="invalid",
            field="on",
        )
    post.end_date = on - timedelta(days=1)
    post.save(update_fields=["end_date"])
    new_post = Post.objects.create(
        person=post.person,
        role=Role.COMMUNITY_WORKER,
        area=post.area,
        area_path=post.area_path,
        start_date=on,
        is_full_time=True,
        is_sent_down=post.is_sent_down,
        source=PostSource.COMMUNITY_WORKER,
        note=str(TransferMethod(method).label),
    )
    return StaffCategoryChange.objects.create(
        person=post.person,
        from_post=post,
        to_post=new_post,
        from_role=post.role,
        to_role=new_post.role,
        method=method,
        changed_on=on,
        area_path=post.area_path,
        recorded_by=actor,
    )


# Community staff who may be sent down to an estate of their community (P000-33, P004-42/43).
SENDABLE_ROLES = frozenset(
    {Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.COMMITTEE_MEMBER, Role.COMMUNITY_WORKER, Role.GRID_WORKER}
)


@transaction.atomic
def staff_send_down(*, actor, person, estate: Area, on: date | None = None) -> Post:
    """Give a community staff member an extra post over one of his community's estates (下沉小区): same
    role, marked sent down; it opens the estate's data to him like any post over an area."""
    from lianxin.areas.models import Level

    if not staff_category_changer(actor):
        raise DomainError(
            _("Only the organisation department and party secretaries may do this."), code="forbidden"
        )
    # Sent down, he sees the estate's residents: nobody opens an estate to himself.
    post_write_check(actor=actor, person=person)
    if estate.level != Level.ESTATE:
        raise DomainError(_("Choose an estate."), code="invalid", field="estate")
    if not Area.objects.restrict(actor, CHANGE).filter(pk=estate.pk).exists():
        raise DomainError(_("You may not change posts of this area."), code="forbidden")
    community = Area.objects.get_parent(estate)
    on = on or timezone.localdate()
    home = (
        Post.objects.current(on)
        .filter(person=person, area=community, role__in=SENDABLE_ROLES)
        .order_by("start_date", "id")
        .first()
    )
    if home is None:
        raise DomainError(
            _("%(person)s holds no community post in %(community)s.")
            % {"person": person.name, "community": community.name},
            code="invalid",
            field="person",
        )
    # The same role as the post he holds, over part of its area: an extension of it, so the membership a
    # secretary's appointment needs was asked when that post was given; an administrator holds no such post.
    post_refuse_administrator(person=person, role=home.role)
    if Post.objects.current(on).filter(person=person, area=estate, is_sent_down=True).exists():
        raise DomainError(
            _("%(person)s is already sent down to %(estate)s.")
            % {"person": person.name, "estate": estate.name},
            code="exists",
            field="estate",
        )
    return Post.objects.create(
        person=person,
        role=home.role,
        area=estate,
        area_path=estate.path,
        start_date=on,
        is_full_time=home.is_full_time,
        is_sent_down=True,
        source=home.source,
    )


@transaction.atomic
def party_badge_set(*, actor, person, shows: bool):
    """A party member opts in (or out) of showing the 党员 badge on his profile and reports (亮身份,
    P004-32): only he decides, and only a current full or probationary member may show it."""
    from lianxin.party.models import Membership, MembershipKind

    if actor.person_id != person.pk:
        raise DomainError(_("Only the member himself decides whether to show the badge."), code="forbidden")
    if shows and not (
        Membership.objects.current()
        .filter(person=person, kind__in=[MembershipKind.FULL, MembershipKind.PROBATIONARY])
        .exists()
    ):
        raise DomainError(_("Only a party member shows the party member badge."), code="invalid")
    person.shows_party_badge = shows
    person.save(update_fields=["shows_party_badge"])
    return person
