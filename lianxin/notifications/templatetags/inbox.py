"""The unread count of the signed-in user's inbox, for the top bar's badge."""

from django import template

from lianxin.notifications.selectors import notification_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_unread(context) -> int:
    """Counted once per request, however many times the frame asks."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    cached = getattr(request, "_lianxin_inbox_unread", None)
    if cached is None:
        cached = notification_unread_count(user=user)
        request._lianxin_inbox_unread = cached
    return cached
