"""Appointing and ending posts from the pages and the API (P000-34, P004-12 building captains; P004-33 a
courier as part-time grid worker; P000-41, P004-09 cross-appointments; P000-60 chain leaders): by the
organisation department and the secretaries, over what they may change. A post decides what its holder
sees (``lianxin.core.scope``), so the administrators' roles and department posts are not given here."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW
from lianxin.people.models import Organisation, Person, Post
from lianxin.people.roles import ADMIN_ROLES, Role, role_choices

NOT_APPOINTED_HERE = frozenset(ADMIN_ROLES | {Role.ORG_ADMIN, Role.DEPARTMENT_STAFF})
# Where a role's post sits, when the role is tied to one level of the tree.
ROLE_LEVELS = {
    Role.BUILDING_CAPTAIN: {Level.BUILDING},
    Role.UNIT_CAPTAIN: {Level.UNIT},
    Role.GRID_WORKER: {Level.ESTATE, Level.GRID, Level.VILLAGE},
    # Riders and couriers serve a street or a community (P001-47), a township or a village in the country.
    Role.PART_TIME_GRID_WORKER: {Level.STREET, Level.TOWNSHIP, Level.COMMUNITY, Level.VILLAGE},
}
ROLE_NEEDS_ORG = {Role.CHAIN_LEADER: "party_org"}


def appointable_roles() -> list[tuple[str, object]]:
    """The roles the appointment page and the import offer: every role (other apps' included) but those
    appointed elsewhere."""
    return [(value, label) for value, label in role_choices() if value not in NOT_APPOINTED_HERE]


def post_appointer(user) -> bool:
    return may(user, "post.appoint")


def _require(actor) -> None:
    if not post_appointer(actor):
        raise DomainError(
            _("Only the organisation department and party secretaries may do this."), code="forbidden"
        )


def post_refuse_own(*, actor, person_id: int | None) -> None:
    """Nobody appoints, changes or ends his own posts (三员分立, 权限分离): a post decides what its holder
    sees, so whoever holds it must not be the one who sets it."""
    if actor.person_id is not None and actor.person_id == person_id:
        raise DomainError(_("Nobody appoints, changes or ends his own posts."), code="forbidden")


def post_refuse_administrator(*, person: Person, role: str) -> None:
    """An administrator (system, security, audit) holds no other post, and his post never becomes another:
    the checks of ``security.services.post_check_admin_roles``, as a DomainError for every write path."""
    from django.core.exceptions import ValidationError

    from lianxin.security.services import post_check_admin_roles

    try:
        post_check_admin_roles(post=Post(person=person, role=role))
    except ValidationError as error:
        raise DomainError(error.messages[0], code="forbidden", field="person") from None


def post_write_check(*, actor, person: Person | None, role: str | None = None) -> None:
    """The one rule of every path that creates, changes or ends a post (pages, API, import, admin,
    management commands; appointments, terms, staff category changes, sending down, a party organisation's
    secretary): nobody sets his own posts; and for a new post (``role``), an administrator holds no other
    post and his post never becomes another, and only a party member is a secretary. ``actor`` None is the
    trusted shell of a management command: it has no posts of its own, the rest holds for it too.

    The rights over the post's scope are each service's own (``restrict(actor, CHANGE)``)."""
    from lianxin.people.posts import post_holder_check

    if person is None:
        return
    if actor is not None:
        post_refuse_own(actor=actor, person_id=person.pk)
    if role is not None:
        post_refuse_administrator(person=person, role=role)
        post_holder_check(person=person, role=role)


@transaction.atomic
def post_appoint(
    *,
    actor,
    person: Person,
    role: str,
    area: Area | None = None,
    party_org=None,
    organisation: Organisation | None = None,
    place=None,
    start_date: date | None = None,
    is_full_time: bool = False,
    is_sent_down: bool = False,
    source: str = "",
    staffing_type: str = "",
    duties: str = "",
    person_known_by_id_number: bool = False,
) -> Post:
    """A new post for ``person``; he may hold several at once (a property-company post beside a community
    committee post, a building captain who is also a liaison). A post at a place (a service centre's staff)
    works for the area the place serves (P002-47)."""
    from lianxin.areas.models import Place
    from lianxin.party.models import PartyOrg
    from lianxin.people.roles import StaffingType

    _require(actor)
    post_refuse_own(actor=actor, person_id=person.pk)
    if role not in dict(appointable_roles()):
        raise DomainError(_("This role is not given here."), code="invalid", field="role")
    post_write_check(actor=actor, person=person, role=role)
    targets = [t for t in (area, party_org, organisation, place) if t is not None]
    if len(targets) != 1:
        raise DomainError(
            _("Choose one area, party organisation or organisation for the post."),
            code="invalid",
            field="area",
        )
    # The pages and the API pick the person from those the actor sees. The import names him by his full ID
    # number and name (a person living elsewhere who takes a post here is not recorded twice): knowing both
    # identifies him; every other check is the same.
    if (
        not person_known_by_id_number
        and not Person.objects.restrict(actor, VIEW).filter(pk=person.pk).exists()
    ):
        raise DomainError(_("Choose a person within your scope."), code="invalid", field="person")
    if area is not None:
        if not Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists():
            raise DomainError(_("You may not change posts of this area."), code="forbidden")
        levels = ROLE_LEVELS.get(role)
        if levels and area.level not in levels:
            raise DomainError(
                _("A %(role)s post sits on a %(levels)s.")
                % {
                    "role": Role(role).label,
                    "levels": "、".join(str(Level(v).label) for v in sorted(levels)),
                },
                code="invalid",
                field="area",
            )
    elif role in ROLE_LEVELS:
        raise DomainError(_("This post sits on an area."), code="invalid", field="area")
    if (
        party_org is not None
        and not PartyOrg.objects.restrict(actor, CHANGE).filter(pk=party_org.pk).exists()
    ):
        raise DomainError(_("You may not change %(org)s.") % {"org": party_org.name}, code="forbidden")
    if role in ROLE_NEEDS_ORG and party_org is None:
        raise DomainError(_("This post sits on a party organisation."), code="invalid", field="party_org")
    if (
        organisation is not None
        and not Organisation.objects.restrict(actor, CHANGE).filter(pk=organisation.pk).exists()
    ):
        raise DomainError(_("You may not change posts of this organisation."), code="forbidden")
    if place is not None and not Place.objects.restrict(actor, CHANGE).filter(pk=place.pk).exists():
        raise DomainError(_("You may not change posts of this place."), code="forbidden")
    if staffing_type and staffing_type not in StaffingType.values:
        raise DomainError(_("Choose a staffing type."), code="invalid", field="staffing_type")
    on = start_date or timezone.localdate()
    held = Post.objects.current(on).filter(
        person=person, role=role, area=area, party_org=party_org, organisation=organisation, place=place
    )
    if held.exists():
        raise DomainError(
            _("%(person)s already holds this post.") % {"person": person.name}, code="exists", field="role"
        )
    anchor = area or (party_org.area if party_org is not None and party_org.area_id else None)
    if anchor is not None:
        area_path = anchor.path
    elif party_org is not None:
        area_path = party_org.area_path
    elif place is not None:
        area_path = place.area_path
    else:
        area_path = organisation.area_path
    return Post.objects.create(
        person=person,
        role=role,
        area=area,
        party_org=party_org,
        organisation=organisation,
        place=place,
        area_path=area_path,
        party_org_path=party_org.path if party_org is not None else "",
        start_date=on,
        is_full_time=is_full_time,
        is_sent_down=is_sent_down,
        source=source,
        staffing_type=staffing_type,
        duties=duties.strip(),
    )


@transaction.atomic
def post_end(*, actor, post: Post, on: date | None = None) -> Post:
    """End a post (the day before ``on``, or today): the row stays, with its end date."""
    _require(actor)
    post_write_check(actor=actor, person=post.person)
    if not Post.objects.restrict(actor, CHANGE).filter(pk=post.pk).exists():
        raise DomainError(_("You may not change posts of this area."), code="forbidden")
    if post.end_date is not None:
        raise DomainError(_("This post has already ended."), code="ended")
    if post.role in NOT_APPOINTED_HERE:
        raise DomainError(_("This role is not given here."), code="forbidden")
    on = on or timezone.localdate()
    post.end_date = max(post.start_date, on - timedelta(days=1)) if on > post.start_date else post.start_date
    post.save(update_fields=["end_date"])
    return post


# The roles no business post appoints: the security administrator grants them in the configuration site.
GRANTED_IN_ADMIN = NOT_APPOINTED_HERE


def post_granter(user) -> bool:
    """The security administrator: he manages who holds the administrator roles (三员分立)."""
    return may(user, "post.grant_admin_roles")


def _require_granter(actor) -> None:
    if not post_granter(actor):
        raise DomainError(_("Only the security administrator may do this."), code="forbidden")


@transaction.atomic
def post_grant(
    *,
    actor,
    account,
    role: str,
    area: Area | None = None,
    department=None,
    start_date: date | None = None,
    note: str = "",
) -> Post:
    """The security administrator gives an account one of the roles the business pages do not give (the
    three administrators, the organisation department admin, department staff).

    Never to his own account; never beside an administrator role; and an account that ever held an
    administrator role gets a business post only through the business pages, from someone else. The post
    belongs to the account: an account not yet linked to a person gets a blank person record named by the
    account, so no existing person's data is reached."""
    from lianxin.people.models import User

    _require_granter(actor)
    if account is None or account.pk == actor.pk:
        raise DomainError(
            _("Nobody appoints, changes or ends his own posts."), code="forbidden", field="account"
        )
    account = User.objects.select_for_update().get(pk=account.pk)
    if role not in GRANTED_IN_ADMIN:
        raise DomainError(
            _("This role is appointed on the business pages, by the organisation department or a secretary."),
            code="invalid",
            field="role",
        )
    if role in ADMIN_ROLES:
        if area is not None or department is not None:
            raise DomainError(_("An administrator role covers no area or department."), field="area")
    elif role == Role.ORG_ADMIN:
        if area is None or department is not None:
            raise DomainError(_("An organisation department admin's post sits on an area."), field="area")
    elif department is None or area is not None:
        raise DomainError(_("A department staff post sits on a department."), field="department")
    person = account.person
    if person is not None:
        post_refuse_own(actor=actor, person_id=person.pk)
        if role not in ADMIN_ROLES and Post.objects.filter(person=person, role__in=ADMIN_ROLES).exists():
            raise DomainError(
                _(
                    "This account held an administrator role: a business post for it is appointed on the "
                    "business pages, by someone else."
                ),
                code="forbidden",
                field="account",
            )
        post_write_check(actor=actor, person=person, role=role)
    else:
        person = Person.objects.create(name=account.username[:50])
        account.person = person
        account.save(update_fields=["person"])
    target = area or (department.area if department is not None else None)
    return Post.objects.create(
        person=person,
        role=role,
        area=area,
        department=department,
        area_path=target.path if target is not None else "",
        start_date=start_date or timezone.localdate(),
        note=note.strip()[:200],
    )


@transaction.atomic
def post_grant_end(*, actor, post: Post, end_date: date | None = None) -> Post:
    """The security administrator ends a post he granted: the row stays, with its end date. Role, holder
    and scope never change: a post that should become another is ended, and the other appointed anew."""
    _require_granter(actor)
    post = Post.objects.select_for_update().get(pk=post.pk)
    post_write_check(actor=actor, person=post.person)
    if post.role not in GRANTED_IN_ADMIN:
        raise DomainError(_("This role is appointed on the business pages."), code="forbidden")
    end_date = end_date or timezone.localdate()
    if end_date < post.start_date:
        raise DomainError(_("A post cannot end before it starts."), field="end_date")
    post.end_date = end_date
    post.save(update_fields=["end_date"])
    return post


@transaction.atomic
def administrator_create(*, username: str, role: str, password: str = "", start_date: date | None = None):
    """One of the three administrators, from the trusted shell (``manage.py administrator_create``): how a
    deployment gets its first ones (docs/operations.md), and how one is replaced when nobody holds the role.

    The shell has no posts of its own, but the posts' rule still holds (``post_write_check``): it gives only
    the three administrator roles (business posts are appointed on the business pages, the organisation
    department and department staff by the security administrator), and only to an account holding no
    current post, so an administrator never holds a business post or a second administrator's role. A new
    account gets the password (the password policy checks it; it must be changed at first sign-in) and a
    blank person record named by the account, as ``post_grant`` gives, so no one's personal data is reached.
    Returns the post; the account and the post are audited like every other."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from lianxin.people.models import User

    if role not in ADMIN_ROLES:
        raise DomainError(
            _(
                "Only the three administrator roles are given from the shell: business posts are appointed "
                "on the business pages, the others by the security administrator."
            ),
            code="invalid",
            field="role",
        )
    username = (username or "").strip()
    if not username:
        raise DomainError(_("Enter the account name."), code="required", field="username")
    account = User.objects.select_for_update().filter(username=username).first()
    if account is None:
        account = User(username=username)
        try:
            validate_password(password, account)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), code="invalid", field="password") from None
        account.set_password(password)
        account.must_change_password = True
        account.save()
    if account.person is None:
        account.person = Person.objects.create(name=account.username[:50])
        account.save(update_fields=["person"])
    post_write_check(actor=None, person=account.person, role=role)
    return Post.objects.create(
        person=account.person, role=role, area_path="", start_date=start_date or timezone.localdate()
    )
