"""What the deliberation routers share: the user's pick of a row within his scope, the period filters."""

from datetime import date

from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW


def pick(model, user, pk, field: str, action: str = VIEW):
    if pk is None:
        return None
    obj = model.objects.restrict(user, action).filter(pk=pk).first()
    if obj is None:
        raise DomainError(_("Choose one within your scope."), field=field)
    return obj


def period_check(since: date | None, until: date | None) -> None:
    for name, value in (("since", since), ("until", until)):
        if value is not None and not (1949 <= value.year <= 2100):
            raise DomainError(_("Give a date between 1949 and 2100."), field=name)
    if since and until and since > until:
        raise DomainError(_("The start of the period is after its end."), field="since")
