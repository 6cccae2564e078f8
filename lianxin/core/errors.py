"""Error pages in Chinese, in the platform's own frame, that say what happened and what to do next."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def _error(request, status, title, message):
    return render(
        request, "error.html", {"status": status, "title": title, "message": message}, status=status
    )


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("The request could not be understood"),
        _("Please check what you entered and try again."),
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("You do not have permission to do this"),
        _("Your posts do not cover this page or record. Ask your administrator if you need it."),
    )


def csrf_failure(request, reason=""):
    # Mostly a page left open past its session, or cookies turned off: said so, not Django's English page.
    return _error(
        request,
        403,
        _("The page has expired"),
        _("Go back, reload the page and try again. If it keeps happening, allow cookies for this site."),
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Page not found"),
        _("The page or record does not exist, or it lies outside the areas you may see."),
    )


def server_error(request):
    # No request context here: the failure may be in a context processor or the database.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())
