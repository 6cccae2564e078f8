from django import template

register = template.Library()


@register.filter
def points(value) -> str:
    """A change of a share in percentage points: 0.034 → "+3.4"; empty when unknown."""
    if value is None or value == "":
        return ""
    return f"{float(value) * 100:+.1f}"


@register.filter
def signed(value) -> str:
    if value is None or value == "":
        return ""
    return f"{float(value):+.1f}"
