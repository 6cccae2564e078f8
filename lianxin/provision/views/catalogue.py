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
    counts = selectors.catalogue_counts(items, orders)
    if request.GET.get("format") == "xlsx":
        return _catalogue_xlsx(rows, counts, shows_orders=orders is not None)
    asked = (("mechanism", mechanism), ("group", group), ("top", raw_top))
    query = "&".join(f"{k}={v}" for k, v in asked if v)
    return render(
        request,
        "provision/catalogue.html",
        {
            "rows": rows,
            "counts": counts,
            "export_query": f"{query}&format=xlsx" if query else "format=xlsx",
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


def _catalogue_xlsx(rows, counts, *, shows_orders: bool):
    """The page's items (top category, item, mechanism, groups, materials, points) and, on the notes sheet,
    the items and the year's orders per mechanism and the items per top category: the page's numbers."""
    from django.utils import timezone

    from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response

    columns = [
        ExcelColumn(_("Top category"), lambda r: r["top"].name if r["top"] else "", 12),
        ExcelColumn(_("Service item"), lambda r: r["item"].name, 18),
        ExcelColumn(_("Mechanism"), lambda r: r["item"].get_mechanism_display(), 14),
        ExcelColumn(
            _("Target groups"),
            lambda r: "、".join(str(dict(TargetGroup.choices).get(g, g)) for g in r["item"].target_groups),
            18,
        ),
        ExcelColumn(_("Required materials"), lambda r: "、".join(r["item"].materials), 24),
        ExcelColumn(_("Points"), lambda r: r["item"].points_price, 8),
    ]
    notes = [(_("Service items"), str(counts["total"]))]
    for _code, label, n, placed in counts["by_mechanism"]:
        notes.append((str(label), f"{n}" + (f" / {placed}" if shows_orders else "")))
    notes += [(name, str(n)) for name, n in counts["by_top"]]
    notes.append((_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"))
    title = str(_("Service catalogue"))
    workbook = list_workbook(title=title, columns=columns, objects=rows, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")


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
        "at_community_centres": item.at_community_centres,
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
                    at_community_centres=data["at_community_centres"],
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
