"""The API tokens page: a person's own tokens, creating one (its secret shown once) and revoking one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.core.errors_domain import DomainError
from lianxin.people.selectors import user_posts_now
from lianxin.tokens.forms import TokenCreateForm
from lianxin.tokens.selectors import token_list as tokens_of
from lianxin.tokens.services import token_create, token_max_days, token_revoke


def _page(request, form, *, created=None, secret="", status=200):
    context = {
        "form": form,
        "tokens": tokens_of(user=request.user),
        "created": created,
        "secret": secret,
        "max_days": token_max_days(),
        # The API docs are for those who connect systems (Swagger's own buttons are English): not for a
        # resident without a post, whose menu does not offer this page either.
        "api_docs_url": reverse("api:openapi-view") if user_posts_now(user=request.user) else "",
    }
    return render(request, "tokens/token_list.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    if request.method == "GET":
        return _page(request, TokenCreateForm())
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        token, secret = token_create(
            actor=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
        )
    except DomainError as error:
        form.add_error("expires_on" if error.field == "expires_at" else error.field, error.message)
        return _page(request, form, status=400)
    # The secret is in this response only (never_cache); a reload shows the list without it.
    return _page(request, TokenCreateForm(), created=token, secret=secret)


@login_required
@require_POST
def token_revoke_view(request, pk: int):
    token = get_object_or_404(tokens_of(user=request.user), pk=pk)
    token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("token_list")
