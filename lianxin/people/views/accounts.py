"""Linking an account to a person from his page: thin, through ``people.accounts.account_link``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.people.accounts import account_link, account_linker
from lianxin.people.models import Person, User


@login_required
@require_POST
def account_link_view(request, pk: int):
    user = request.user
    person = get_for_user(Person, user, pk, CHANGE)
    if not account_linker(user):
        raise PermissionDenied
    username = request.POST.get("username", "").strip()[:150]
    account = User.objects.filter(username=username).first() if username else None
    error = _("No account has this name.") if account is None else ""
    if account is not None:
        try:
            account_link(actor=user, account=account, person=person)
        except DomainError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied from None
            error = exc.message
    if error:
        return render(
            request, "people/account_link_error.html", {"person": person, "error": error}, status=400
        )
    messages.success(request, _("The account is linked to %(person)s.") % {"person": person.name})
    return redirect("people:detail", person.pk)
