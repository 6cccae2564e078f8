from django import template
from django.utils.html import format_html

register = template.Library()

# Outline icons drawn on a 24×24 grid; inline SVG so the offline intranet needs no icon font.
_ICONS = {
    "home": "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z",
    "user": "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0",
    "gear": (
        "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8-3l2-1-2-4-2 1-2-1-1-3h-4l-1 3-2 1-2-1-2 4 2 1v2l-2 1 2 4 2-1 "
        "2 1 1 3h4l1-3 2-1 2 1 2-4-2-1z"
    ),
    "inbox": "M3 13l3-9h12l3 9v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1zm0 0h5l1 3h6l1-3h5",
    "dot": "M12 14a2 2 0 1 0 0-4 2 2 0 0 0 0 4z",
    "menu": "M4 6h16M4 12h16M4 18h16",
    "map": "M9 4L3 6v14l6-2 6 2 6-2V4l-6 2zm0 0v14m6-12v14",
    "users": (
        "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 10a7 7 0 0 1 14 0m1-10a3 3 0 1 0 0-6m2 16h3a6 6 0 0 0-4-5.6"
    ),
    "flag": "M5 21V4m0 0h11l-2 4 2 4H5",
    "bell": "M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9m4.3 13a2 2 0 0 0 3.4 0",
    "camera": "M3 7h4l2-3h6l2 3h4v13H3zm9 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",
    "edit": "M4 20h4L19 9l-4-4L4 16zm10-14l4 4",
    "list": "M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01",
    "clipboard": "M9 4h6v3H9zM7 5H5v16h14V5h-2m-9 7h8m-8 4h5",
    "chat": "M21 12a8 8 0 0 1-12 7l-5 1 1-4a8 8 0 1 1 16-4z",
}


@register.simple_tag
def icon(name: str, css_class: str = "icon"):
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" '
        'stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="{}"/></svg>',
        css_class,
        _ICONS.get(name, _ICONS["dot"]),
    )


@register.filter
def percent(value, digits: int = 1) -> str:
    """0.853 → "85.3%"; empty for a share that cannot be computed."""
    if value is None or value == "":
        return ""
    return f"{float(value) * 100:.{int(digits)}f}%"


@register.simple_tag(takes_context=True)
def user_posts(context) -> list[str]:
    """The signed-in user's current posts as short labels, for the top bar (computed once per request)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return []
    from lianxin.core.context import user_context

    # A post with no scope (the three administrators) has an empty scope label: drop the dangling dot.
    return [label.removesuffix(" · ") for label in user_context(user).post_labels]
