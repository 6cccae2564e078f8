from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from lianxin.core.ratelimit import rate_limit
from lianxin.people.forms.auth import LoginForm
from lianxin.people.selectors import user_post_labels


@method_decorator(rate_limit("login", key="ip", methods=("POST",)), name="post")
class LoginView(auth_views.LoginView):
    """Sign-in. Failures are counted per account and per address by django-axes (lockout after
    AXES_FAILURE_LIMIT); all attempts from one address are also rate-limited (RATE_LIMITS["login"])."""

    template_name = "people/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default): a link or an image tag cannot sign anyone out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # The old session is gone; the notice travels in the fresh anonymous one.
        messages.info(request, _("You have signed out. On a shared computer, also close the browser."))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "people/password_change.html"
    success_url = reverse_lazy("me")

    def get_context_data(self, **kwargs):
        from lianxin.security.passwords import password_expired

        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["must_change"] = user.must_change_password
        context["expired"] = password_expired(user)
        return context

    def form_valid(self, form):
        from lianxin.audit.models import Action
        from lianxin.audit.services import audit_record
        from lianxin.security.services import session_renew

        previous_key = self.request.session.session_key
        # Django's update_session_auth_hash gives the session a new id; the account's session list follows.
        response = super().form_valid(form)
        session_renew(request=self.request, previous_key=previous_key)
        audit_record(action=Action.PASSWORD_CHANGE, obj=self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
def me(request):
    return render(
        request,
        "people/me.html",
        {"person": request.user.person, "posts": user_post_labels(user=request.user)},
    )
