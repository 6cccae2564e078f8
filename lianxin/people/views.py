from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from lianxin.people.forms import LoginForm
from lianxin.people.selectors import user_post_labels


class LoginView(auth_views.LoginView):
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

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
def me(request):
    return render(
        request,
        "people/me.html",
        {"person": request.user.person, "posts": user_post_labels(user=request.user)},
    )
