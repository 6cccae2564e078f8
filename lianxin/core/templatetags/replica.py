"""``{% replica_lag_notice %}`` (in base.html): on a page read from the replica (lianxin.core.db_router), how
old its data may be; nothing on a page read from the primary, at the cost of one context-variable look-up."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from lianxin.core.db_router import lag_display, replica_read

register = template.Library()


@register.simple_tag
def replica_lag_notice():
    state = replica_read()
    if state is None:
        return ""
    return format_html(
        '<footer class="replica-lag" role="status" data-testid="replica-lag">{}</footer>',
        gettext("Data may lag by about %(seconds)s seconds") % {"seconds": lag_display(state.lag_seconds)},
    )
