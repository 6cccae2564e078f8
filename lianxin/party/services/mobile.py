"""Mobile members enrolled in a sector's mobile branch while their organisational relation stays at home
(P003-17), and applications to join the party received by a branch (P003-19)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE
from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.people.models import Person

MEMBER_KINDS = [MembershipKind.FULL, MembershipKind.PROBATIONARY]


def _writable(actor, org: PartyOrg) -> None:
    if not PartyOrg.objects.restrict(actor, CHANGE).filter(pk=org.pk).exists():
        raise DomainError(_("You may not change %(org)s.") % {"org": org.name}, code="forbidden")


@transaction.atomic
def mobile_member_enrol(*, actor, person: Person, branch: PartyOrg, work_place: str = "") -> Membership:
    """Enrol a member in a mobile branch as a mobile member: a second, non-home membership, so counting
    home memberships still counts him once, in his home branch."""
    if branch.kind != OrgKind.MOBILE_BRANCH:
        raise DomainError(_("Mobile members are enrolled in a mobile party branch."), code="bad_kind")
    _writable(actor, branch)
    current = Membership.objects.current().filter(person=person)
    home = current.filter(is_home=True, kind__in=MEMBER_KINDS).first()
    if home is None:
        raise DomainError(
            _("%(name)s has no home branch holding his organisational relation.") % {"name": person.name},
            code="no_home",
            field="person",
        )
    if current.filter(org=branch).exists():
        raise DomainError(
            _("%(name)s is already enrolled in %(org)s.") % {"name": person.name, "org": branch.name},
            code="exists",
            field="person",
        )
    return Membership.objects.create(
        person=person,
        org=branch,
        org_path=branch.path,
        area_path=home.area_path,
        kind=home.kind,
        is_home=False,
        is_mobile=True,
        work_place=work_place,
        joined_on=home.joined_on,
        start_date=timezone.localdate(),
    )


@transaction.atomic
def applicant_record(*, actor, person: Person, branch: PartyOrg, applied_on: date) -> Membership:
    """Record an application to join (入党申请), received by ``branch`` on ``applied_on``: the stage before
    probationary membership."""
    _writable(actor, branch)
    if applied_on is None or applied_on > timezone.localdate():
        raise DomainError(
            _("Enter the date of the application, not in the future."), code="invalid", field="applied_on"
        )
    current = Membership.objects.current().filter(person=person)
    if current.filter(is_home=True).exists():
        raise DomainError(
            _("%(name)s already has a membership or an application.") % {"name": person.name},
            code="exists",
            field="person",
        )
    return Membership.objects.create(
        person=person,
        org=branch,
        org_path=branch.path,
        area_path=person.area_path,
        kind=MembershipKind.APPLICANT,
        is_home=True,
        applied_on=applied_on,
        start_date=applied_on,
    )
