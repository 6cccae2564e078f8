"""The mobile members list for the county's mobile-member liaison centre (P002-13): members marked mobile,
their place of work and masked mobile number, their home branch. Scoped like every list."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lianxin.areas.models import Area
from lianxin.core.scope import get_for_user, under
from lianxin.party.models import Membership


def mobile_members(*, user, root: Area | None = None):
    members = Membership.objects.restrict(user).current().filter(is_mobile=True)
    if root is not None:
        members = members.filter(under("area_path", root.path))
    return members.select_related("person", "org").order_by("area_path", "person__name", "id")


@login_required
@require_GET
def mobile_member_list(request):
    root = get_for_user(Area, request.user, request.GET["area"]) if request.GET.get("area") else None
    page = Paginator(mobile_members(user=request.user, root=root), 50).get_page(request.GET.get("page"))
    return render(request, "party/mobile_members.html", {"root": root, "page": page})
