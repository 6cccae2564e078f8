from lianxin.notifications.models import Notification


def notification_list(*, user, unread_only: bool = False):
    qs = Notification.objects.filter(recipient=user).select_related("case")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def notification_unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notice_list(*, user):
    """The notices this user pushed, newest first, with how many received and read each."""
    from django.db.models import Count, Q

    from lianxin.notifications.models import Outbox
    from lianxin.notifications.services import NOTICE_VERB

    return (
        Outbox.objects.filter(sender=user, verb=NOTICE_VERB)
        .annotate(
            received=Count("notifications"),
            read=Count("notifications", filter=Q(notifications__read_at__isnull=False)),
        )
        .order_by("-created_at", "-id")
    )


def notice_readers(*, user, pk: int):
    """Who received one of this user's notices and when each read it (404 for anyone else's)."""
    from django.http import Http404

    from lianxin.notifications.models import Outbox

    outbox = Outbox.objects.filter(pk=pk, sender=user).first()
    if outbox is None:
        raise Http404
    rows = (
        Notification.objects.filter(outbox=outbox)
        .select_related("recipient__person")
        .order_by("read_at", "recipient_id")
    )
    return outbox, rows
