"""One-time notification (一次性告知, P002-44): the window names, in one notice, every material of the
item the applicant has not brought. A further notice on the same case is a second notice, counted
(``provision.material_notices`` with ``notice: second``)."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.cases import clock
from lianxin.cases.models import Case
from lianxin.cases.models.enums import OPEN_STATES
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE
from lianxin.provision.figures import NOTICES, notice_dims
from lianxin.provision.matching import service_item_of
from lianxin.provision.models import MaterialNotice
from lianxin.rollups.services import rollup_add

MAX_NOTE = 200


def material_notice_give(actor, *, case: Case, provided, note: str = "") -> MaterialNotice:
    """Record the notice naming every material of the case's item not among ``provided``."""
    if not Case.objects.restrict(actor, CHANGE).filter(pk=case.pk).exists():
        raise DomainError(_("Only those who handle this case give its notices."), code="forbidden")
    item = service_item_of(case.category)
    if item is None or not item.materials:
        raise DomainError(_("This case's service needs no materials."), field="case")
    if not isinstance(provided, list | tuple) or not all(isinstance(p, str) for p in provided):
        raise DomainError(_("List the materials brought as texts."), field="provided")
    unknown = [p for p in provided if p not in item.materials]
    if unknown:
        raise DomainError(
            _("“%(name)s” is not a material of %(item)s.") % {"name": unknown[0], "item": item.name},
            field="provided",
        )
    missing = [m for m in item.materials if m not in provided]
    if not missing:
        raise DomainError(_("Every material is there: no notice is needed."), field="provided")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.state not in OPEN_STATES:
            raise DomainError(
                _("The case is %(state)s: no more notices.") % {"state": locked.get_state_display()},
                code="invalid_state",
            )
        last = MaterialNotice.objects.filter(case=locked).aggregate(n=Max("seq"))["n"] or 0
        notice = MaterialNotice.objects.create(
            case=locked,
            seq=last + 1,
            missing=missing,
            note=(note or "").strip()[:MAX_NOTE],
            created_by=actor,
            # The cases' clock: a notice is dated as the steps of its case are (tests turn it).
            created_at=clock.now(),
            area_path=locked.area_path,
        )
        rollup_add(
            key=NOTICES,
            area_path=notice.area_path,
            day=timezone.localdate(notice.created_at),
            value=1,
            dims=notice_dims(notice.seq),
        )
    return notice
