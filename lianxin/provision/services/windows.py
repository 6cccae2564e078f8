"""Windows, their roster and walk-ins (窗口、值班、到站办事). Keyword-only, the acting user first; each write
with its audit record (audit_register) and, for a walk-in, its roll-up, in one transaction."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.cases.models import Channel
from lianxin.cases.services import case_report
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Post
from lianxin.provision import permissions
from lianxin.provision.figures import WALK_INS
from lianxin.provision.models import ServiceWindow, WalkIn, WindowDuty
from lianxin.rollups.services import rollup_add

WALK_IN_CHANNEL = Channel.WALK_IN


def _forbidden():
    return DomainError(_("Only the staff over this place keep its windows."), code="forbidden")


def window_save(actor, *, place, name: str, items, window: ServiceWindow | None = None) -> ServiceWindow:
    """Open a window at ``place`` (or change ``window``): its name and the catalogue items it handles."""
    if not permissions.keeps_place(actor, place):
        raise _forbidden()
    name = (name or "").strip()
    if not name or len(name) > 50:
        raise DomainError(_("Name the window (at most 50 characters)."), field="name")
    items = list(items)
    if not items:
        raise DomainError(_("Choose the services this window handles."), field="items")
    with transaction.atomic():
        if (
            ServiceWindow.objects.filter(place=place, name=name)
            .exclude(pk=getattr(window, "pk", None))
            .exists()
        ):
            raise DomainError(_("This place already has a window of this name."), code="invalid_state")
        window = window or ServiceWindow(place=place)
        window.name = name
        window.area_path = place.area_path
        window.save()
        window.items.set(items)
    return window


def duty_add(actor, *, window: ServiceWindow, date, person) -> WindowDuty:
    """Put ``person`` on the roster of ``window`` for ``date``: one of the place's staff (a post on it)."""
    if not permissions.keeps_place(actor, window.place):
        raise _forbidden()
    on_place = Post.objects.filter(person=person, place=window.place, start_date__lte=date).exclude(
        end_date__lt=date
    )
    if not on_place.exists():
        raise DomainError(_("Only the staff of this place can be on duty at its windows."), field="person")
    try:
        with transaction.atomic():
            return WindowDuty.objects.create(window=window, date=date, person=person, created_by=actor)
    except IntegrityError:
        raise DomainError(_("Already on duty at this window that day."), code="invalid_state") from None


def walk_in_record(
    actor,
    *,
    window: ServiceWindow,
    item,
    resident,
    note: str = "",
    handle_here: bool = False,
    idempotency_key: str = "",
) -> WalkIn:
    """A resident at the window: the staff report the case for him (he is its reporter and pays a priced
    item's points) at the window's place, and the walk-in is counted under that place on the day.
    ``handle_here`` (当场办理): the staff member handles it himself at the station — the case is his from the
    start (dispatched to him and taken), he gives its material notices and records its handling there; the
    community verifies it as any case. Otherwise it goes where its item's routing says."""
    if not permissions.works_window(actor, window):
        raise DomainError(_("Only the staff of this place record walk-ins at its windows."), code="forbidden")
    if not window.items.filter(pk=item.pk).exists():
        raise DomainError(_("This window does not handle this service."), field="item")
    with transaction.atomic():
        case = case_report(
            actor,
            category=item.category,
            area=window.place.area,
            description=(note or "").strip() or item.name,
            channel=WALK_IN_CHANNEL,
            on_behalf_of=resident,
            handle_self=bool(handle_here),
            idempotency_key=idempotency_key,
        )
        walk_in, created = WalkIn.objects.get_or_create(
            case=case, defaults={"window": window, "area_path": window.area_path, "recorded_by": actor}
        )
        if created:
            rollup_add(key=WALK_INS, area_path=walk_in.area_path, day=timezone.localdate(walk_in.at), value=1)
    return walk_in
