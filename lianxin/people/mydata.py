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
from lianxin.core.paths import ancestor_paths
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
    data["cases"] = person_own_cases(person=person)
    return data


def person_own_cases(*, person) -> list[dict]:
    """The cases the person reported (or a liaison reported for him), each with the steps he is shown on
    its page: the public ones."""
    from lianxin.cases.models import Case, CaseEvent

    cases = list(
        Case.objects.filter(reporter=person).select_related("category", "area").order_by("reported_at", "id")
    )
    events: dict[int, list] = {}
    for event in CaseEvent.objects.filter(case__in=cases, is_public=True).order_by("case_id", "seq"):
        events.setdefault(event.case_id, []).append(
            {
                "at": event.at,
                "step": event.get_action_display(),
                "state": event.get_to_state_display() if event.to_state else "",
                "note": event.note,
            }
        )
    return [
        {
            "number": case.number,
            "title": case.title,
            "category": case.category.name if case.category_id else "",
            "place": case.area.name,
            "address": case.address,
            "description": case.description,
            "state": case.get_state_display(),
            "reported_at": case.reported_at,
            "closed_at": case.closed_at,
            "rating": case.get_rating_display() if case.rating else "",
            "events": events.get(case.pk, []),
        }
        for case in cases
    ]


def _joined(values) -> str:
    return "、".join(str(v) for v in values)


def person_data_workbook(*, user):
    """The same record as ``person_data_export``, as an Excel workbook people can open: one sheet per part,
    Chinese sheet and column names."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from lianxin.core.excel import HEADER_FILL, HEADER_FONT, sheet_title, text_cell

    data = person_data_export(user=user)
    workbook = Workbook(write_only=True)

    def sheet(title, headers, rows, widths=None):
        ws = workbook.create_sheet(title=sheet_title(title))
        for index, width in enumerate(widths or [18] * len(headers)):
            ws.column_dimensions[chr(ord("A") + index)].width = width
        ws.append([text_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL) for h in headers])
        for row in rows:
            ws.append([text_cell(ws, value) for value in row])

    def facts(title, pairs):
        ws = workbook.create_sheet(title=sheet_title(title))
        ws.column_dimensions["A"].width = 18
        ws.column_dimensions["B"].width = 60
        for label, value in pairs:
            ws.append([text_cell(ws, label, font=Font(bold=True)), text_cell(ws, value)])

    account = data["account"]
    facts(
        _("Account"),
        [
            (_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
            (_("Username"), account.get("username")),
            (_("Last sign-in"), _local(account.get("last_login"))),
            (_("Joined"), _local(account.get("date_joined"))),
        ],
    )
    person = data["person"]
    if person is not None:
        facts(
            _("My record"),
            [
                (_("Name"), person["name"]),
                (_("Mobile number"), person["mobile"]),
                (_("ID number"), person["id_number"]),
                (_("Gender"), person["gender"]),
                (_("Birth date"), person["birth_date"]),
                (_("Area"), person["area"]),
                (_("Tags"), _joined(person["tags"])),
                (_("Note"), person["note"]),
            ],
        )
    household = data.get("household")
    if household is not None:
        facts(
            _("Household"),
            [
                (_("Address"), household["address"]),
                (_("Household size"), household["size"]),
                (_("Tags"), _joined(household["tags"])),
                (_("Note"), household["note"]),
            ],
        )
    if person is None:
        return workbook
    sheet(
        _("Party memberships"),
        [
            _("Party organisation"),
            _("Kind"),
            _("Joined the party on"),
            _("From"),
            _("Until"),
            _("Work place"),
        ],  # fmt: skip
        [
            (m["organisation"], m["kind"], m["joined_on"], m["from"], m["until"], m["work_place"])
            for m in data["memberships"]
        ],
    )
    sheet(
        _("Posts"),
        [_("Role"), _("Scope"), _("From"), _("Until")],
        [(p["role"], p["scope"], p["from"], p["until"]) for p in data["posts"]],
        widths=[18, 40, 14, 14],
    )
    sheet(
        _("My cases"),
        [
            _("Case number"), _("Title"), _("Category"), _("Place"), _("Address"), _("Description"),
            _("State"), _("Reported at"), _("Closed at"), _("Rating"),
        ],
        [
            (
                c["number"], c["title"], c["category"], c["place"], c["address"], c["description"],
                c["state"], _local(c["reported_at"]), _local(c["closed_at"]), c["rating"],
            )
            for c in data["cases"]
        ],
        widths=[18, 24, 14, 16, 20, 40, 10, 18, 18, 10],
    )  # fmt: skip
    sheet(
        _("Steps of my cases"),
        [_("Case number"), _("At"), _("Step"), _("State after"), _("Note")],
        [
            (c["number"], _local(e["at"]), e["step"], e["state"], e["note"])
            for c in data["cases"]
            for e in c["events"]
        ],
        widths=[18, 18, 14, 12, 50],
    )
    sheet(
        _("Who opened my numbers"),
        [_("At"), _("Viewer"), _("Field"), _("Reason")],
        [(_local(v["at"]), v["viewer"], v["field"], v["reason"]) for v in data["views_of_my_numbers"]],
    )
    sheet(
        _("Correction requests"),
        [_("At"), _("Field"), _("Status"), _("Answer")],
        [
            (_local(c["at"]), CORRECTABLE.get(c["field"], c["field"]), c["status"], c["answer"])
            for c in data["correction_requests"]
        ],
    )
    return workbook


def _local(moment) -> str:
    """A time as people read it here (local time, to the minute); dates and blanks as they are."""
    if moment is None:
        return ""
    if hasattr(moment, "tzinfo") and hasattr(moment, "hour"):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment.tzinfo else str(moment)
    return moment


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
    communities = dict(
        Area.objects.filter(level__in=[Level.COMMUNITY, Level.VILLAGE]).values_list("path", "code")
    )

    def community_code(path: str) -> str:
        for ancestor in reversed(ancestor_paths(path)):
            if ancestor in communities:
                return communities[ancestor]
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
