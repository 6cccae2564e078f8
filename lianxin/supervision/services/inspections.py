"""Inspections (四不两直, P004-55; 沉浸式督查调研, P000-65): a supervision group's visit with its date,
place and whether it came unannounced; each finding (formalism marked) goes to its owner as a 交办单
with a deadline in working days, and closes only with a photo of the rectification."""

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.cases import clock
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, VIEW
from lianxin.core.uploads import image_store
from lianxin.supervision.models import Finding, Inspection, LetterKind
from lianxin.supervision.services.letters import _text, is_unit_staff, issuer_require, letter_issue

EVIDENCE_FOLDER = "supervision/findings"


@transaction.atomic
def inspection_record(
    actor,
    *,
    area,
    held_on,
    place: str,
    group=None,
    group_name: str = "",
    unannounced: bool = True,
    notes: str = "",
) -> Inspection:
    issuer_require(actor)
    if area is None:
        raise DomainError(_("Choose the area inspected."), code="required", field="area")
    if held_on is None:
        raise DomainError(_("Give the date of the inspection."), code="required", field="held_on")
    group_name = (group_name or (group.name if group else "")).strip()
    return Inspection.objects.create(
        group=group,
        group_name=_text(group_name, "group_name", _("Name the supervision group."), limit=100),
        area=area,
        area_path=area.path,
        held_on=held_on,
        place=_text(place, "place", _("Give the place inspected."), limit=200),
        unannounced=bool(unannounced),
        notes=_text(notes, "notes", "", limit=5000, required=False),
        created_by=actor,
    )


@transaction.atomic
def finding_add(
    actor,
    *,
    inspection: Inspection,
    description: str,
    unit,
    working_days,
    formalism: bool = False,
    category: str = "task_party_rectification",
) -> Finding:
    """A finding and its 交办单 to the unit that owns the rectification, due in ``working_days``."""
    description = _text(description, "description", _("Describe what was found."), limit=300)
    if working_days in (None, ""):
        raise DomainError(
            _("Give the rectification deadline in working days."), code="required", field="working_days"
        )
    letter = letter_issue(
        actor,
        kind=LetterKind.ASSIGNMENT,
        unit=unit,
        title=f"督查问题整改：{description}"[:100],
        content=f"{inspection.held_on:%Y-%m-%d}{inspection.group_name}在{inspection.place}督查发现：{description}。请限期整改并上传整改照片。",
        working_days=working_days,
        category=category,
    )
    return Finding.objects.create(
        inspection=inspection, description=description, formalism=bool(formalism), letter=letter
    )


@transaction.atomic
def finding_close(actor, *, finding: Finding, photo) -> Finding:
    """销号: only with a photo of the rectification; by the unit that owns it or the inspecting side."""
    finding = Finding.objects.select_for_update().select_related("letter", "inspection").get(pk=finding.pk)
    if finding.closed_at is not None:
        raise DomainError(_("This finding is already closed."), code="invalid_state")
    unit = is_unit_staff(
        actor, department_id=finding.letter.department_id, organisation_id=finding.letter.organisation_id
    )
    if not unit and not Finding.objects.restrict(actor, CHANGE).filter(pk=finding.pk).exists():
        raise DomainError(_("Only the unit or the inspecting side closes a finding."), code="forbidden")
    if not photo:
        raise DomainError(
            _("A finding closes only with a photo of the rectification."), code="required", field="photo"
        )
    stored = image_store(photo, folder=EVIDENCE_FOLDER)
    finding.evidence = stored.name
    finding.closed_at = clock.now()
    finding.closed_by = actor
    finding.save(update_fields=["evidence", "closed_at", "closed_by"])
    return finding


def evidence_visible(user, name: str) -> bool:
    """The photo is seen by whoever sees its finding."""
    return Finding.objects.restrict(user, VIEW).filter(evidence=name).exists()
