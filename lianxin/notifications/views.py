from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.selectors import area_roots
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import under
from lianxin.notifications.forms import NoticeForm
from lianxin.notifications.selectors import notice_list, notice_readers, notification_list
from lianxin.notifications.services import notice_push, notification_mark_read
from lianxin.people.models import Person

PAGE_SIZE = 30


@login_required
@require_GET
def inbox(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(notification_list(user=request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def inbox_mark_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    notification_mark_read(user=request.user, notification_ids=ids)
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def notices(request):
    """Push a policy or project notice to a group of people, and see who has read the earlier ones."""
    if not may(request.user, "notice.push"):
        raise PermissionDenied
    areas = list(area_roots(user=request.user))
    form = NoticeForm(request.POST or None, areas=areas)
    status = 200
    if request.method == "POST" and form.is_valid():
        area = next(a for a in areas if str(a.pk) == form.cleaned_data["area"])
        persons = Person.objects.restrict(request.user).filter(
            under("area_path", area.path), tags=form.cleaned_data["tag"], user__isnull=False
        )
        try:
            outbox = notice_push(
                request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                persons=persons,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            status = 403 if error.code == "forbidden" else 400
        else:
            messages.success(request, _("The notice has been sent."))
            return redirect("notifications:notice", pk=outbox.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "notifications/notices.html",
        {"form": form, "sent": notice_list(user=request.user)},
        status=status,
    )


@login_required
@require_GET
def notice(request, pk: int):
    outbox, rows = notice_readers(user=request.user, pk=pk)
    read = sum(1 for row in rows if row.read_at)
    return render(request, "notifications/notice.html", {"outbox": outbox, "rows": rows, "read": read})
