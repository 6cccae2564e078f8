"""上报 and 随手拍: a resident's report from his phone, a worker's patrol report, a liaison's report for a
linked household, and the three-tap snapshot of workers and couriers (P000-28, P001-49, P003-28, P004-34).
Photos are uploaded as soon as they are chosen and attached by id when the report is sent."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.cases import permissions, services
from lianxin.cases.forms import NEAREST, ReportForm, SnapshotForm
from lianxin.cases.intake import intake_check
from lianxin.cases.models import Category, Channel
from lianxin.cases.views import queries
from lianxin.cases.views.common import (
    error_status,
    form_error,
    is_htmx,
    new_key,
    photos_from,
    photos_kept,
    posted_key,
)
from lianxin.core.errors_domain import DomainError
from lianxin.core.ratelimit import rate_limit
from lianxin.core.rights import may

TEMPLATE = "cases/report.html"


def _extra_values(request, category: Category) -> dict:
    values = {}
    for spec in category.extra_fields or []:
        name = f"extra_{spec['code']}"
        if spec.get("datatype") == "multivaluelist":
            values[spec["code"]] = request.POST.getlist(name)
        else:
            values[spec["code"]] = request.POST.get(name, "")
    return values


def _report_context(request):
    user = request.user
    places = queries.report_places(user)
    estates = queries.nearby_estates(user)
    worker = permissions.is_worker(user)
    # Residents get the short list of their own kinds, with search; workers the whole tree.
    categories = (
        queries.report_categories(user, public_only=False) if worker else queries.resident_categories(user)
    )
    persons = list(queries.on_behalf_persons(user)) if worker else []
    intake = permissions.takes_calls(user)
    kwargs = {
        "categories": categories,
        "places": places,
        "persons": persons,
        "worker": worker,
        "nearest": bool(estates),
        "intake": intake,
        "handlers": queries.intake_targets(user) if intake else [],
    }
    return kwargs, {c.pk: c for c, _label in categories}, {p.pk: p.area for p in places}, estates, persons


def _submit(request, form, report_fields):
    """Upload the form's photos, check it, and report: ``report_fields(cleaned_data)`` gives the rest of
    the report (None when it put an error on the form). Returns (case or None, status, photo ids)."""
    photo_ids, photo_error = photos_from(request, request.user)
    if photo_error:
        form.is_valid()
        form_error(form, photo_error)
        return None, 400, photo_ids
    if not form.is_valid():
        return None, 400, photo_ids
    fields = report_fields(form.cleaned_data)
    if fields is None:
        return None, 400, photo_ids
    try:
        # Who may file what, and where: the same rule as the API and Open311.
        intake_check(request.user, category=fields["category"], area=fields["area"])
        case = services.case_report(
            request.user, photos=photo_ids, idempotency_key=posted_key(request), **fields
        )
    except DomainError as error:
        form_error(form, error)
        return None, error_status(error), photo_ids
    return case, 302, photo_ids


def _redrawn(request, form, photo_ids) -> dict:
    """What a form redrawn after a refusal keeps: the key, the photos uploaded already."""
    return {
        "form": form,
        "key": posted_key(request) or new_key(),
        "photos": photos_kept(request.user, photo_ids),
    }


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("report", key="user_or_ip", methods=("POST",))
def report(request):
    """The report form; sent, the case is placed and dispatched at once and its page opens."""
    user = request.user
    if not user.person_id:
        return render(request, TEMPLATE, {"no_person": True})
    kwargs, categories, areas, estates, persons = _report_context(request)
    page = {
        "snapshot": _offers_snapshot(user),
        "category_list": None if kwargs["worker"] else kwargs["categories"],
        "positions": _positions(estates, kwargs["places"]),
    }
    if request.method == "GET":
        form = ReportForm(**kwargs)
        return render(request, TEMPLATE, {"form": form, "key": new_key(), **page})

    form = ReportForm(_placed_by_position(request.POST, estates), **kwargs)
    posted = request.POST.get("category", "")
    category = categories.get(int(posted)) if posted.isdigit() else None

    def report_fields(data):
        area = _chosen_area(data, areas, estates)
        if area is None:
            form.add_error("area", _("Choose the place, or allow the page to use your position."))
            return None
        behalf = next((p for p in persons if str(p.pk) == data.get("on_behalf_of")), None)
        handler = next((t for t in kwargs["handlers"] if t.value == data.get("handler")), None)
        return {
            "category": category,
            "area": area,
            "description": data["description"],
            "title": data["title"],
            "request_type": data["request_type"],
            "urgency": data["urgency"],
            "lat": data["lat"] or None,
            "lng": data["lng"] or None,
            "address": data["address"],
            "on_behalf_of": behalf,
            "channel": Channel.LIAISON if behalf else (data.get("channel") or None),
            "contact_name": data.get("contact_name") or "",
            "contact_phone": data.get("contact_phone") or "",
            "handle_self": bool(data.get("handle_self")),
            "handler": {handler.group: handler.obj} if handler else None,
            "handle_due": data.get("handle_due"),
            "extra": _extra_values(request, category),
        }

    case, status, photo_ids = _submit(request, form, report_fields)
    if case is not None:
        return redirect("cases:detail", pk=case.pk)
    context = {**_redrawn(request, form, photo_ids), "extra": _extra_context(category, request.POST), **page}
    return render(request, TEMPLATE, context, status=status)


# The page names the nearest estate as soon as the phone gives the position; beyond this many candidates
# (a wide post's scope) the server alone decides, on sending.
POSITIONS_ON_PAGE = 300


def _positions(estates, places) -> dict:
    """The located estates and places, for the page's script to fill the place from the phone's position."""
    if len(estates) > POSITIONS_ON_PAGE:
        estates = []

    def point(area):
        return {"id": area.pk, "name": area.name, "lat": float(area.lat), "lng": float(area.lng)}

    return {
        "estates": [point(e) for e in estates if e.lat is not None and e.lng is not None],
        "places": [
            point(p.area)
            for p in places[:POSITIONS_ON_PAGE]
            if p.area.lat is not None and p.area.lng is not None
        ],
    }


def _placed_by_position(posted, estates):
    """A report sent with a position but no place chosen goes to the nearest estate (the page fills the
    place when its script runs; this is for when it did not)."""
    if posted.get("area") or not (posted.get("lat") and posted.get("lng")) or not estates:
        return posted
    posted = posted.copy()
    posted["area"] = NEAREST
    return posted


def _chosen_area(data, areas, estates):
    chosen = data.get("area")
    if chosen == NEAREST:
        return queries.nearest_estate(estates, data.get("lat"), data.get("lng"))
    return areas.get(int(chosen)) if chosen and chosen.isdigit() else None


def _offers_snapshot(user) -> bool:
    return may(user, "case.snapshot")


def _extra_context(category, posted) -> list[dict]:
    """The category's extra fields (Open311 attributes), with what was typed into them."""
    if category is None:
        return []
    fields = []
    for spec in sorted(category.extra_fields or [], key=lambda s: s.get("order", 0)):
        name = f"extra_{spec['code']}"
        fields.append(
            {
                "name": name,
                "spec": spec,
                "value": posted.get(name, "") if posted else "",
                "values": posted.getlist(name) if posted else [],
            }
        )
    return fields


@login_required
@require_GET
def report_extra_fields(request):
    """The extra fields of the chosen category (HTMX, when the category changes)."""
    pk = request.GET.get("category", "")
    category = Category.objects.filter(pk=pk, is_active=True).first() if pk.isdigit() else None
    return render(request, "cases/_extra_fields.html", {"extra": _extra_context(category, None)})


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("report", key="user_or_ip", methods=("POST",))
def snapshot(request):
    """随手拍 in three taps: a photo, a category, send. The phone gives the position; the report is placed
    in the estate of the user's scope nearest to it, or where he picks."""
    user = request.user
    if not may(user, "case.snapshot"):
        raise PermissionDenied  # the page is not for this post
    estates = queries.nearby_estates(user)
    options = queries.place_options(estates)
    categories = queries.snapshot_categories()
    kwargs = {"categories": categories, "estates": options}
    if request.method == "GET":
        form = SnapshotForm(initial={"area": NEAREST}, **kwargs)
        return render(request, "cases/snapshot.html", {"form": form, "key": new_key()})

    form = SnapshotForm(request.POST, **kwargs)

    def report_fields(data):
        category = next(c for c in categories if str(c.pk) == data["category"])
        chosen = data.get("area") or NEAREST
        if chosen == NEAREST:
            area = queries.nearest_estate(estates, data["lat"], data["lng"])
            if area is None and len(estates) == 1:
                area = estates[0]
        else:
            area = next((e for e in estates if str(e.pk) == chosen), None)
        if area is None:
            form.add_error("area", _("Your position is not known here. Choose the estate."))
            return None
        return {
            "category": category,
            "area": area,
            "description": data["description"] or _("Snapshot: %(category)s") % {"category": category.name},
            "lat": data["lat"] or None,
            "lng": data["lng"] or None,
        }

    case, status, photo_ids = _submit(request, form, report_fields)
    if case is not None:
        return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/snapshot.html", _redrawn(request, form, photo_ids), status=status)


@login_required
@require_POST
@rate_limit("photo_upload", key="user_or_ip")
def photo_upload(request):
    """One or more photos, uploaded as soon as they are chosen: each comes back as a thumbnail with the
    hidden field that attaches it to the form's step."""
    photos, errors = [], []
    for upload in request.FILES.getlist("photo"):
        try:
            photos.append(services.photo_upload(request.user, upload=upload))
        except DomainError as error:
            errors.append(error.message)
    if not photos and not errors:
        errors.append(_("Choose a photo to upload."))
    status = 400 if errors and not photos else 200
    return render(
        request,
        "cases/_photo_items.html",
        {"photos": photos, "errors": errors, "fragment": is_htmx(request)},
        status=status,
    )
