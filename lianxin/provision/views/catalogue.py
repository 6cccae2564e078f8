"""The staff's catalogue page: every item with its mechanism, groups, materials and price, counted by
mechanism and top category (P004-21, P002-46), and the county staff's edit form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lianxin.cases.models import Category
from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status, form_error
from lianxin.core.paths import root_path
from lianxin.provision import permissions, selectors, services
from lianxin.provision.forms import ServiceItemForm
from lianxin.provision.models import Mechanism, ServiceItem, TargetGroup


@login_required
@require_GET
def catalogue(request):
    if not permissions.sees_catalogue(request.user):
        raise PermissionDenied
    mechanism = request.GET.get("mechanism", "")
    mechanism = mechanism if mechanism in Mechanism.values else ""
    group = request.GET.get("group", "")
    group = group if group in TargetGroup.values else ""
    raw_top = request.GET.get("top", "")
    top = None
    if raw_top.isdigit() and len(raw_top) < 19:
        top = Category.objects.filter(pk=int(raw_top), depth=1, kind="service_order").first()
    items = list(selectors.catalogue(mechanism=mechanism, group=group, top=top))
    orders = selectors.orders_by_mechanism(request.user)
    tops = {c.path: c for c in selectors.top_categories()}
    rows = [{"item": i, "top": tops.get(root_path(i.category.path, Category.steplen))} for i in items]
    return render(
        request,
        "provision/catalogue.html",
        {
            "rows": rows,
            "counts": selectors.catalogue_counts(items, orders),
            "shows_orders": orders is not None,
            "order_days": selectors.ORDER_FIGURE_DAYS,
            "mechanisms": Mechanism.choices,
            "groups": TargetGroup.choices,
            "tops": list(tops.values()),
            "mechanism": mechanism,
            "group": group,
            "top": top,
            "can_edit": permissions.may_edit_catalogue(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_edit(request, pk):
    item = get_object_or_404(ServiceItem.objects.select_related("category"), pk=pk)
    if not permissions.may_edit_catalogue(request.user):
        raise PermissionDenied
    initial = {
        "mechanism": item.mechanism,
        "target_groups": item.target_groups,
        "materials": "、".join(item.materials),
        "points_price": item.points_price,
        "at_cluster_centres": item.at_cluster_centres,
    }
    form = ServiceItemForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.service_item_update(
                    request.user,
                    item=item,
                    mechanism=data["mechanism"],
                    target_groups=list(data["target_groups"]),
                    materials=services.materials_parse(data["materials"]),
                    points_price=data["points_price"],
                    at_cluster_centres=data["at_cluster_centres"],
                )
            except DomainError as error:
                form_error(form, error)
                status = error_status(error)
            else:
                messages.success(request, _("%(name)s saved.") % {"name": item.name})
                return redirect("provision:catalogue")
        else:
            status = 400
    return render(
        request,
        "provision/form.html",
        {
            "title": item.name,
            "form": form,
            "testid": "item-form",
            "back_url": reverse("provision:catalogue"),
            "back_label": _("Back to the service catalogue"),
        },
        status=status,
    )
