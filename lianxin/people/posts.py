"""Editing a post's terms (P001-23, P001-26, P002-48): full time, sent down, source, staffing type, duties,
end date, and the holder's employer (P001-47). Role and scope are the security administrator's (admin)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Organisation, Post
from lianxin.people.roles import PostSource, Role, StaffingType

# Posts only a party member may hold (P001-23): the secretaries of party organisations.
MEMBER_ONLY_ROLES = {Role.SECRETARY, Role.DEPUTY_SECRETARY}


def post_holder_check(*, person, role: str) -> None:
    """Only a current full or probationary party member may hold a secretary's post (P001-23)."""
    if role not in MEMBER_ONLY_ROLES or person is None:
        return
    from lianxin.party.models import Membership, MembershipKind

    is_member = (
        Membership.objects.current()
        .filter(person=person, kind__in=(MembershipKind.FULL, MembershipKind.PROBATIONARY))
        .exists()
    )
    if not is_member:
        raise DomainError(
            _("Only a party member may be %(role)s: %(name)s is not a current member.")
            % {"role": Role(role).label, "name": person.name},
            code="not_a_member",
            field="person",
        )


def post_editor(user, post: Post) -> bool:
    """Who edits a post's terms: the organisation department and the secretaries whose scope covers the post
    (the same posts that appoint and end it), never its holder, and only for posts appointed on the business
    pages (the administrators' and department posts are the security administrator's)."""
    from lianxin.core.scope import CHANGE
    from lianxin.people.appointments import NOT_APPOINTED_HERE, post_appointer

    if not post_appointer(user) or user.person_id == post.person_id or post.role in NOT_APPOINTED_HERE:
        return False
    return Post.objects.restrict(user, CHANGE).filter(pk=post.pk).exists()


@transaction.atomic
def post_update(
    *,
    actor,
    post: Post,
    is_full_time: bool,
    is_sent_down: bool,
    source: str = "",
    staffing_type: str = "",
    duties: str = "",
    end_date: datetime.date | None = None,
    note: str = "",
    employer: Organisation | None = None,
    duty_roles: list[str] | None = None,
    is_all_round: bool | None = None,
) -> Post:
    """Change a post's terms. ``duty_roles`` and ``is_all_round`` are a grid worker's (P000-27, P001-28):
    None leaves them as they are; for any other post they are refused."""
    if not post_editor(actor, post):
        raise DomainError(
            _("Only the organisation department and party secretaries over this post may change it."),
            code="forbidden",
        )
    from lianxin.people.appointments import post_write_check

    post_write_check(actor=actor, person=post.person)
    if source and source not in PostSource.values:
        raise DomainError(_("Choose where the holder was drawn from."), field="source")
    if staffing_type and staffing_type not in StaffingType.values:
        raise DomainError(_("Choose a staffing type."), field="staffing_type")
    if end_date is not None and end_date < post.start_date:
        raise DomainError(_("A post cannot end before it starts."), field="end_date")
    fields = ["is_full_time", "is_sent_down", "source", "staffing_type", "duties", "end_date", "note"]
    if duty_roles is not None or is_all_round is not None:
        from lianxin.cases.models.enums import DutyRole

        if post.role != Role.GRID_WORKER:
            raise DomainError(_("Duty roles are a grid worker's."), field="duty_roles")
        if duty_roles is not None:
            if any(r not in DutyRole.values for r in duty_roles):
                raise DomainError(_("Choose duty roles from the list."), field="duty_roles")
            post.duty_roles = ",".join(r for r in DutyRole.values if r in duty_roles)
            fields.append("duty_roles")
        if is_all_round is not None:
            post.is_all_round = bool(is_all_round)
            fields.append("is_all_round")
    post.is_full_time = is_full_time
    post.is_sent_down = is_sent_down
    post.source = source
    post.staffing_type = staffing_type
    post.duties = duties.strip()
    post.end_date = end_date
    post.note = note.strip()[:200]
    post.save(update_fields=fields)
    person = post.person
    if person.employer_id != (employer.pk if employer else None):
        person.employer = employer
        person.save(update_fields=["employer"])
    return post
