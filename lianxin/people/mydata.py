"""What the platform holds about a person, for the person himself (PIPL art. 44-46: to know, to copy, to
correct), and the de-identified extract for statistics.

``person_data_export`` gathers every record that names the person: his own record (full numbers: they are
his), his household, his party memberships, his posts, his accounts, and who opened his full numbers when
and why. ``correction_request_create`` records a request to correct any of it; staff whose posts may change
his record answer it (``correction_request_handle``).
"""

import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE
from lianxin.people.models import CorrectionRequest, CorrectionStatus, Person, PersonalDataView, Post

CORRECTABLE = {
    "name": gettext_lazy("name"),
    "mobile": gettext_lazy("mobile number"),
    "id_number": gettext_lazy("ID number"),
    "gender": gettext_lazy("gender"),
    "birth_date": gettext_lazy("birth date"),
    "household": gettext_lazy("household"),
    "party": gettext_lazy("party membership"),
    "other": gettext_lazy("other"),
}


def person_data_export(*, user) -> dict:
    """Everything held about the signed-in person, as plain data (for the page and the JSON download)."""
    person = user.person
    if person is None:
        return {"account": {"username": user.username}, "person": None}
    from lianxin.party.models import Membership

    household = person.household
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "last_login": user.last_login,
            "date_joined": user.date_joined,
        },
        "person": {
            "name": person.name,
            "mobile": person.mobile,
            "id_number": person.id_number,
            "gender": person.get_gender_display() if person.gender else "",
            "birth_date": person.birth_date,
            "area": person.area.name if person.area_id else "",
            "tags": [t.name for t in person.tags.all()],
            "note": person.note,
        },
        "household": None,
        "memberships": [
            {
                "organisation": m.org.name,
                "kind": m.get_kind_display(),
                "joined_on": m.joined_on,
                "from": m.start_date,
                "until": m.end_date,
                "work_place": m.work_place,
            }
            for m in Membership.objects.filter(person=person).select_related("org")
        ],
        "posts": [
            {"role": p.get_role_display(), "scope": p.scope_label, "from": p.start_date, "until": p.end_date}
            for p in Post.objects.filter(person=person).select_related(
                "area", "party_org", "department", "organisation", "place"
            )
        ],
        "views_of_my_numbers": [
            {"at": v.at, "viewer": v.viewer.get_username(), "field": v.field, "reason": v.reason}
            for v in PersonalDataView.objects.filter(person=person).select_related("viewer")[:500]
        ],
        "correction_requests": [
            {"at": c.created_at, "field": c.field, "status": c.get_status_display(), "answer": c.answer}
            for c in CorrectionRequest.objects.filter(person=person)
        ],
    }
    if household is not None:
        data["household"] = {
            "address": household.address,
            "size": household.size,
            "tags": [t.name for t in household.tags.all()],
            "note": household.note,
        }
    return data


@transaction.atomic
def correction_request_create(*, actor, field: str, correction: str) -> CorrectionRequest:
    """Record that the signed-in person says ``field`` is wrong and ``correction`` is right."""
    if actor.person_id is None:
        raise DomainError(_("Your account is not linked to a person record."), code="no_person")
    if field not in CORRECTABLE:
        raise DomainError(_("Choose what is wrong."), code="bad_field", field="field")
    correction = (correction or "").strip()
    if not correction:
        raise DomainError(_("Say what is right."), code="required", field="correction")
    if len(correction) > 500:
        raise DomainError(_("Keep it within 500 characters."), code="too_long", field="correction")
    request = CorrectionRequest.objects.create(
        person_id=actor.person_id, requested_by=actor, field=field, correction=correction
    )
    return request


def correction_request_list(*, user):
    """Open and recent requests about persons whose records the user may change."""
    persons = Person.objects.restrict(user, CHANGE).values("pk")
    return CorrectionRequest.objects.filter(person__in=persons).select_related("person")


@transaction.atomic
def correction_request_handle(
    *, actor, request: CorrectionRequest, done: bool, answer: str
) -> CorrectionRequest:
    """Close a request: corrected (the staff member has changed the record) or not, with an answer."""
    if not Person.objects.restrict(actor, CHANGE).filter(pk=request.person_id).exists():
        raise PermissionDenied
    answer = (answer or "").strip()[:200]
    if not done and not answer:
        raise DomainError(
            _("Say why it is not corrected; the person will read it."), code="required", field="answer"
        )
    locked = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != CorrectionStatus.OPEN:
        return locked
    locked.status = CorrectionStatus.DONE if done else CorrectionStatus.REJECTED
    locked.answer, locked.handled_by, locked.handled_at = answer, actor, timezone.now()
    locked.save(update_fields=["status", "answer", "handled_by", "handled_at"])
    return locked


# -- de-identified extract for statistics -------------------------------------------------------------------


def _age_band(birth_date, today) -> str:
    if birth_date is None:
        return ""
    age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    low = max(0, (age // 10) * 10)
    return f"{low}-{low + 9}"


def statistics_rows():
    """One row per person with nothing that identifies him: a pseudonym valid for this extract only (a keyed
    hash with a key thrown away afterwards), gender, ten-year age band, the community (never the building
    or household), household size and tags, party member or not. No name, number, birth date or address."""
    from lianxin.areas.models import Area, Level
    from lianxin.party.models import Membership

    key = secrets.token_bytes(32)
    today = timezone.localdate()
    steplen = Area.steplen
    communities = dict(
        Area.objects.filter(level__in=[Level.COMMUNITY, Level.VILLAGE]).values_list("path", "code")
    )

    def community_code(path: str) -> str:
        for depth in range(len(path) // steplen, 0, -1):
            if path[: depth * steplen] in communities:
                return communities[path[: depth * steplen]]
        return ""

    members = set(Membership.objects.current().values_list("person_id", flat=True))
    persons = (
        Person.objects.select_related("household").prefetch_related("tags", "household__tags").order_by("pk")
    )
    for person in persons.iterator(chunk_size=2000):
        yield {
            "pseudonym": hmac.new(key, str(person.pk).encode(), hashlib.sha256).hexdigest()[:16],
            "gender": person.gender,
            "age_band": _age_band(person.birth_date, today),
            "community_code": community_code(person.area_path),
            "household_size": person.household.size if person.household_id else "",
            "household_tags": "|".join(sorted(t.code for t in person.household.tags.all()))
            if person.household_id
            else "",
            "person_tags": "|".join(sorted(t.code for t in person.tags.all())),
            "party_member": person.pk in members,
        }


def statistics_export_record(*, rows: int, path: str) -> None:
    audit_record(action=Action.EXPORT, object_type="people.statistics", detail={"rows": rows, "file": path})
