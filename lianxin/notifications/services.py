"""Writing to the outbox, and turning outbox rows into inbox rows and outbound messages (in Huey)."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from lianxin.core.inserts import row_insert
from lianxin.core.rights import roles_with
from lianxin.notifications.backends import DeliveryError
from lianxin.notifications.models import Notification, Outbox

# The roles that form "the staff of a level" hear of what is sent to their area's pool: the capability
# "notice.pool" (notifications/apps.py).


def notify(
    *,
    verb: str,
    title: str,
    body: str = "",
    case=None,
    url: str = "",
    persons=(),
    users=(),
    departments=(),
    organisations=(),
    areas=(),
) -> Outbox | None:
    """Queue a notification in the caller's transaction; Huey delivers it once the transaction commits."""
    targets = {
        key: sorted({int(v) for v in values if v})
        for key, values in (
            ("persons", persons),
            ("users", users),
            ("departments", departments),
            ("organisations", organisations),
            ("areas", areas),
        )
        if values
    }
    targets = {k: v for k, v in targets.items() if v}
    if not targets:
        return None
    outbox = row_insert(Outbox(verb=verb, case=case, title=title[:200], body=body, url=url, targets=targets))
    transaction.on_commit(_enqueue)
    return outbox


# At most one enqueue a second per process: a burst of reports makes one delivery run, not hundreds of
# queue writes; the minute sweep picks up anything a skipped enqueue left.
ENQUEUE_EVERY_SECONDS = 1.0
_last_enqueue = {"at": 0.0}


def _enqueue() -> None:
    import time

    from huey.contrib.djhuey import HUEY

    from lianxin.notifications.tasks import outbox_process

    now = time.monotonic()
    if not HUEY.immediate and now - _last_enqueue["at"] < ENQUEUE_EVERY_SECONDS:
        return
    _last_enqueue["at"] = now
    outbox_process()


def recipients_resolve(targets: dict) -> list[int]:
    """User ids behind an outbox row's targets, holding a current post where a post is meant."""
    from lianxin.people.models import Post, User

    today = timezone.localdate()
    user_ids = set(targets.get("users", []))
    if targets.get("persons"):
        user_ids |= set(
            User.objects.filter(person_id__in=targets["persons"], is_active=True).values_list("id", flat=True)
        )
    post_q = Q()
    if targets.get("departments"):
        post_q |= Q(department_id__in=targets["departments"])
    if targets.get("organisations"):
        post_q |= Q(organisation_id__in=targets["organisations"])
    if targets.get("areas"):
        post_q |= Q(area_id__in=targets["areas"], role__in=sorted(roles_with("notice.pool")))
    if post_q:
        persons = Post.objects.current(today).filter(post_q).values_list("person_id", flat=True).distinct()
        user_ids |= set(
            User.objects.filter(person_id__in=list(persons), is_active=True).values_list("id", flat=True)
        )
    return sorted(user_ids)


def outbox_deliver(*, outbox_id: int) -> int:
    """Expand one outbox row into inbox rows and send each outbound. Safe to run twice, or in two
    consumers at once: only the run that marks the row processed delivers it."""
    now = timezone.now()
    with transaction.atomic():
        claimed = Outbox.objects.filter(pk=outbox_id, processed_at__isnull=True).update(processed_at=now)
        if not claimed:
            return 0
        outbox = Outbox.objects.get(pk=outbox_id)
        notifications = Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=user_id,
                    outbox=outbox,
                    verb=outbox.verb,
                    case_id=outbox.case_id,
                    title=outbox.title,
                    body=outbox.body,
                    url=outbox.url,
                    created_at=outbox.created_at,
                )
                for user_id in recipients_resolve(outbox.targets)
            ],
            ignore_conflicts=True,
        )
    backend = import_string(settings.LIANXIN_NOTIFICATION_BACKEND)()
    for notification in Notification.objects.filter(outbox=outbox).select_related("recipient"):
        try:
            backend.send(notification)
        except DeliveryError as exc:
            Notification.objects.filter(pk=notification.pk).update(delivery_error=str(exc)[:200])
            continue
        Notification.objects.filter(pk=notification.pk).update(delivered_at=timezone.now())
    return len(notifications)


def notification_mark_read(*, user, notification_ids=None) -> int:
    """Mark the user's own notifications read (all unread ones when no ids are given)."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())


NOTICE_VERB = "notice"
MAX_RECIPIENTS = 5000


def notice_push(actor, *, title: str, body: str, persons) -> Outbox:
    """Push a policy or project notice to persons the sender's posts serve (e.g. returnee talents,
    P000-23); each recipient's reading is recorded on his inbox row (``read_at``)."""
    from django.utils.translation import gettext as _

    from lianxin.core.errors_domain import DomainError
    from lianxin.core.rights import require
    from lianxin.people.models import Person

    title, body = (title or "").strip(), (body or "").strip()
    require(actor, "notice.push", message=_("Notices are pushed by staff with a post."))
    if not title:
        raise DomainError(_("Give the notice a title."), field="title")
    if len(title) > 200:
        raise DomainError(_("The title is longer than %(n)s characters.") % {"n": 200}, field="title")
    ids = sorted({p.pk for p in persons})
    if not ids:
        raise DomainError(_("Choose at least one recipient."), field="persons")
    if len(ids) > MAX_RECIPIENTS:
        raise DomainError(
            _("A notice goes to at most %(n)s people.") % {"n": MAX_RECIPIENTS}, field="persons"
        )
    reachable = set(Person.objects.restrict(actor).filter(pk__in=ids).values_list("pk", flat=True))
    if reachable != set(ids):
        raise DomainError(_("Some recipients are outside the area your posts serve."), code="forbidden")
    with transaction.atomic():
        outbox = Outbox.objects.create(
            verb=NOTICE_VERB, sender=actor, title=title, body=body, targets={"persons": ids}
        )
        transaction.on_commit(_enqueue)
    return outbox
