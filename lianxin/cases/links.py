"""Addresses of case pages, for code that runs outside a view (notices, template tags)."""

from django.urls import get_script_prefix, reverse

_URL_TEMPLATES: dict[str, str] = {}
_PLACEHOLDER = 987654321


def case_url(pk: int) -> str:
    """The case page's address: reversed once per script prefix, not on every step's notice or row."""
    prefix = get_script_prefix()
    template = _URL_TEMPLATES.get(prefix)
    if template is None:
        template = reverse("cases:detail", args=[_PLACEHOLDER]).replace(str(_PLACEHOLDER), "{}")
        _URL_TEMPLATES[prefix] = template
    return template.format(pk)
