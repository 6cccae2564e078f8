"""Volunteer and unit registration (双报到): register, approve, refuse; a registered unit's party head given
a community post (P001-42). Approval writes the volunteer's
post and an employed member's non-home membership through their own apps' services, in the same
transaction as the decision, so a refused appointment leaves the registration pending."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import under
from lianxin.party.models import Membership, MembershipKind, PartyOrg
from lianxin.people.models import Post
from lianxin.people.roles import PostSource, Role
from lianxin.volunteering import links
from lianxin.volunteering.models import (
    RegistrantKind,
    RegistrationStatus,
    UnitRegistration,
    UnitType,
    VolunteerRegistration,
)
from lianxin.volunteering.permissions import UNIT_REGISTER
from lianxin.volunteering.services.common import (
    acting_person,
    community_check,
    community_of,
    community_party_org,
    staff_over,
)

MEMBER_KINDS = (MembershipKind.FULL, MembershipKind.PROBATIONARY)
OPEN_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.APPROVED)
REASON_MAX = 200


@transaction.atomic
def volunteer_register(actor, *, kind: str, skills: str = "") -> VolunteerRegistration:
    """The actor reports to the community where he lives, as a resident or as an employed party member."""
    person = acting_person(actor)
    if kind not in RegistrantKind.values:
        raise DomainError(_("Choose whether you register as a resident or as a party member."), field="kind")
    community = community_of(person)
    if community is None:
        raise DomainError(
            _("You report to the community where you live: your home is not recorded yet."),
            field="community",
        )
    community_check(community)
    home_org = None
    if kind == RegistrantKind.MEMBER:
        home = (
            Membership.objects.current()
            .filter(person=person, is_home=True, kind__in=MEMBER_KINDS)
            .select_related("org")
            .first()
        )
        if home is None:
            raise DomainError(
                _("Only a party member whose organisational relation is recorded registers as a member."),
                field="kind",
            )
        home_org = home.org
    skills = (skills or "").strip()
    if len(skills) > REASON_MAX:
        raise DomainError(_("At most %(n)s characters.") % {"n": REASON_MAX}, field="skills")
    held = VolunteerRegistration.objects.select_for_update().filter(
        person=person, community=community, status__in=OPEN_STATUSES
    )
    if held.exists():
        raise DomainError(
            _("You have already registered at %(community)s.") % {"community": community.name},
            code="invalid_state",
        )
    return VolunteerRegistration.objects.create(
        person=person, kind=kind, community=community, home_org=home_org, skills=skills
    )


def _pending(model, pk):
    registration = model.objects.select_for_update().get(pk=pk)
    if registration.status != RegistrationStatus.PENDING:
        raise DomainError(_("This registration has already been decided."), code="invalid_state")
    return registration


def _decide(registration, actor, status: str, reason: str = "") -> None:
    registration.status = status
    registration.decided_by_id = actor.person_id
    registration.decided_at = timezone.now()
    registration.reason = reason


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for refusing."), field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(_("At most %(n)s characters.") % {"n": REASON_MAX}, field="reason")
    return reason


@transaction.atomic
def volunteer_registration_approve(actor, *, registration: VolunteerRegistration) -> VolunteerRegistration:
    """Approve: a ``volunteer`` post over the community (kept if he holds one already) and, for an employed
    member, a non-home membership in the community's party organisation (双报到)."""
    staff_over(actor, registration.community, approver=True)
    registration = _pending(VolunteerRegistration, registration.pk)
    person, community = registration.person, registration.community
    post = (
        Post.objects.current()
        .filter(person=person, role=Role.VOLUNTEER, area=community)
        .order_by("id")
        .first()
    )
    if post is None:
        post = links.volunteer_post_give(actor=actor, person=person, community=community)
    membership = None
    if registration.kind == RegistrantKind.MEMBER:
        org = community_party_org(community)
        if org is None:
            raise DomainError(
                _("%(community)s has no party organisation to receive the member.")
                % {"community": community.name},
                code="invalid_state",
            )
        membership = Membership.objects.current().filter(person=person, org=org).first()
        if membership is None:
            home = Membership.objects.current().filter(person=person, is_home=True).first()
            kind = home.kind if home is not None else MembershipKind.FULL
            membership = links.non_home_membership_add(actor=actor, person=person, org=org, kind=kind)
    _decide(registration, actor, RegistrationStatus.APPROVED)
    registration.post = post
    registration.membership = membership
    registration.save()
    return registration


@transaction.atomic
def volunteer_registration_refuse(
    actor, *, registration: VolunteerRegistration, reason: str
) -> VolunteerRegistration:
    staff_over(actor, registration.community, approver=True)
    reason = _reason(reason)
    registration = _pending(VolunteerRegistration, registration.pk)
    _decide(registration, actor, RegistrationStatus.REFUSED, reason)
    registration.save()
    return registration


@transaction.atomic
def unit_register(
    actor, *, unit_org: PartyOrg, unit_type: str, community, head, services: str = ""
) -> UnitRegistration:
    """A unit's party organisation reports to a community: entered by the community's staff, or by the
    unit's own secretary or contact (UNIT_REGISTER over the unit). Its head must be one of its members."""
    person = acting_person(actor)
    community_check(community)
    if not may(actor, UNIT_REGISTER, unit_org):
        staff_over(actor, community)
    if unit_type not in UnitType.values:
        raise DomainError(_("Choose the unit type."), field="unit_type")
    if head is None:
        raise DomainError(_("Name the unit's party head."), field="head")
    in_unit = (
        Membership.objects.current()
        .filter(under("org_path", unit_org.path), person=head, kind__in=MEMBER_KINDS)
        .exists()
    )
    if not in_unit:
        raise DomainError(
            _("The party head must be a member of %(org)s.") % {"org": unit_org.name}, field="head"
        )
    services = (services or "").strip()
    if len(services) > REASON_MAX:
        raise DomainError(_("At most %(n)s characters.") % {"n": REASON_MAX}, field="services")
    held = UnitRegistration.objects.select_for_update().filter(
        unit_org=unit_org, community=community, status__in=OPEN_STATUSES
    )
    if held.exists():
        raise DomainError(
            _("%(org)s has already registered at %(community)s.")
            % {"org": unit_org.name, "community": community.name},
            code="invalid_state",
        )
    return UnitRegistration.objects.create(
        unit_org=unit_org,
        unit_type=unit_type,
        community=community,
        head=head,
        services=services,
        created_by=person,
    )


@transaction.atomic
def unit_registration_approve(actor, *, registration: UnitRegistration) -> UnitRegistration:
    staff_over(actor, registration.community)
    registration = _pending(UnitRegistration, registration.pk)
    _decide(registration, actor, RegistrationStatus.APPROVED)
    registration.save()
    return registration


@transaction.atomic
def unit_registration_refuse(actor, *, registration: UnitRegistration, reason: str) -> UnitRegistration:
    staff_over(actor, registration.community)
    reason = _reason(reason)
    registration = _pending(UnitRegistration, registration.pk)
    _decide(registration, actor, RegistrationStatus.REFUSED, reason)
    registration.save()
    return registration


# -- the registered unit's party head in a community post (P001-42) ------------------------------------

# The community posts a registered unit's party head may be given (选聘“双报到”单位党组织负责人担任社区兼职
# 委员): a part-time member of the community's committee, or its party-building instructor. Both read the
# community without serving its residents one by one (people.roles: outsider posts).
UNIT_HEAD_ROLES = (Role.PART_TIME_COMMITTEE_MEMBER, Role.INSTRUCTOR)


def unit_head_posts(registration: UnitRegistration):
    """The head's current posts at the registration's community: on its committee or at the community."""
    from django.db.models import Q

    committee = community_party_org(registration.community)
    where = Q(area=registration.community)
    if committee is not None:
        where |= Q(party_org=committee)
    return (
        Post.objects.current()
        .filter(where, person_id=registration.head_id)
        .select_related("party_org", "area")
        .order_by("start_date", "id")
    )


@transaction.atomic
def unit_head_appoint(
    actor,
    *,
    registration: UnitRegistration,
    role: str = Role.PART_TIME_COMMITTEE_MEMBER,
    start_date=None,
    duties: str = "",
) -> Post:
    """Give the party head of an approved unit registration a post at the community it registered with,
    on the community's committee (at the community when it has none), through the appointment service
    (``people.appointments.post_appoint``): its rules hold here too (nobody appoints himself, only those
    who appoint posts, one such post at a time). The registration names the head, so the community
    appoints him though he lives and works outside its scope."""
    from lianxin.people.appointments import post_appoint

    registration = UnitRegistration.objects.select_for_update().get(pk=registration.pk)
    staff_over(actor, registration.community, approver=True)
    if registration.status != RegistrationStatus.APPROVED:
        raise DomainError(_("Only an approved unit's head is given a community post."), code="invalid_state")
    if role not in UNIT_HEAD_ROLES:
        raise DomainError(_("Choose a community post for the unit's head."), field="role")
    committee = community_party_org(registration.community)
    return post_appoint(
        actor=actor,
        person=registration.head,
        role=role,
        area=None if committee is not None else registration.community,
        party_org=committee,
        start_date=start_date,
        source=PostSource.OTHER,
        duties=duties or _("Party head of %(org)s (dual registration)") % {"org": registration.unit_org.name},
        person_known_by_id_number=True,
    )
