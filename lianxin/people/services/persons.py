"""Writes about people. Opening a full personal number is a write: it leaves a row in the view log."""

import structlog
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_ipv46_address
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Person, PersonalDataView
from lianxin.people.selectors import user_sees_full_numbers

logger = structlog.get_logger(__name__)

# The personal numbers that are stored encrypted and shown masked; only these can be revealed.
REVEALABLE_FIELDS = ("mobile", "id_number")
REASON_MAX_LENGTH = PersonalDataView._meta.get_field("reason").max_length


def _clean_ip(ip: str | None) -> str | None:
    try:
        validate_ipv46_address(ip or "")
    except ValidationError:
        return None
    return ip


@transaction.atomic
def person_reveal(*, actor, person: Person, field: str, reason: str, ip: str | None = None) -> str:
    """The full mobile or ID number of ``person``, for ``actor``, logged: who, whose, which, when, why.

    Guarantees: the value is returned only when one of the actor's current posts needs full numbers and
    covers the person (else PermissionDenied); a reason is required; every returned value has its
    ``PersonalDataView`` row, written in the same transaction. Nothing is logged when nothing is shown.
    """
    if field not in REVEALABLE_FIELDS:
        raise DomainError(_("This field cannot be opened."), code="bad_field", field="field")
    if not user_sees_full_numbers(user=actor, person=person):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Say why you need the full number; the reason is kept in the log."),
            code="required",
            field="reason",
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(
            _("Keep the reason within %(limit)d characters.") % {"limit": REASON_MAX_LENGTH},
            code="too_long",
            field="reason",
        )
    value = getattr(person, field)
    if not value:
        raise DomainError(_("No such number is recorded for this person."), code="empty", field="field")
    view = PersonalDataView.objects.create(
        viewer=actor, person=person, field=field, reason=reason, ip=_clean_ip(ip)
    )
    audit_record(
        action=Action.PERSONAL_DATA_VIEW,
        actor=actor,
        object_type="people.person",
        object_id=str(person.pk),
        detail={"field": field, "reason": reason, "view": view.pk},
        ip=_clean_ip(ip),
    )
    # The log line carries who and whose, never the value.
    logger.info("personal_data_viewed", viewer=actor.pk, person=person.pk, field=field, view=view.pk)
    return value


@transaction.atomic
def own_numbers_view_record(*, user, ip: str | None = None) -> list[PersonalDataView]:
    """我的数据 shows its holder his own full numbers: each showing is a view of numbers like any reveal
    (``PersonalDataView`` and the audit trail), so a view through an account linked to the wrong person is
    traceable. Returns the views written (none when the account has no person or no numbers)."""
    person = user.person if user.is_authenticated and user.person_id else None
    if person is None:
        return []
    reason = _("Own data: the person's own page")
    views = []
    for field in REVEALABLE_FIELDS:
        if not getattr(person, field):
            continue
        view = PersonalDataView.objects.create(
            viewer=user, person=person, field=field, reason=reason, ip=_clean_ip(ip)
        )
        audit_record(
            action=Action.PERSONAL_DATA_VIEW,
            actor=user,
            object_type="people.person",
            object_id=str(person.pk),
            detail={"field": field, "reason": "own_data", "view": view.pk},
            ip=_clean_ip(ip),
        )
        views.append(view)
    return views
