from django import template

register = template.Library()


@register.filter
def change_pairs(changes) -> list[tuple[str, object]]:
    """The (field, value) pairs of a record's changes. A template's ``changes.items`` looks up a key named
    "items" first, so a record that changed a field called items broke the page."""
    if isinstance(changes, dict):
        return list(changes.items())
    return [("", changes)] if changes not in (None, "", [], {}) else []
