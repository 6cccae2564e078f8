"""Every read of the volunteering app, restricted to the user in its queryset (``restrict``): the pages and
the API call the same functions."""

from lianxin.volunteering.selectors.registrations import (
    pending_count,
    registrations_for,
    registrations_mine,
    unit_registrations_for,
)

__all__ = ["pending_count", "registrations_for", "registrations_mine", "unit_registrations_for"]
