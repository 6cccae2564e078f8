"""The catalogue, the provider listings and the material notices over the API: the same selectors,
services and scope as the pages. ``/api/v1/service-items/``, ``/api/v1/providers/`` and
``/api/v1/material-notices/``."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area, Place
from lianxin.cases.models import Case, Category
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import root_path
from lianxin.core.scope import get_for_user
from lianxin.party.models import PartyOrg
from lianxin.people.models import Organisation
from lianxin.provision import permissions, selectors, services
from lianxin.provision.matching import provider_match
from lianxin.provision.models import (
    ListingAction,
    ListingState,
    Mechanism,
    ProviderForm,
    ServiceItem,
    TargetGroup,
)

items_router = Router(tags=[_("Service catalogue")])
providers_router = Router(tags=[_("Service providers")])


# -- catalogue ---------------------------------------------------------------------------------------------


class ServiceItemOut(Schema):
    id: int
    name: str
    category_id: int
    category_code: str
    top_category: str = Field(description=_("The item's top category (大类)"))
    mechanism: str
    mechanism_label: str
    target_groups: list[str]
    materials: list[str]
    points_price: int
    at_cluster_centres: bool
    at_community_centres: bool


class ServiceItemFilters(Schema):
    mechanism: str = Field("", description=_("Only items of this mechanism"), max_length=20)
    target_group: str = Field("", description=_("Only items for this group"), max_length=20)


class ServiceItemChangeIn(Schema):
    mechanism: str | None = Field(None, max_length=20)
    target_groups: list[str] | None = Field(None, max_length=len(TargetGroup.values))
    materials: list[str] | None = Field(None, max_length=40)
    points_price: int | None = Field(None, ge=0, le=100_000)
    at_cluster_centres: bool | None = None
    at_community_centres: bool | None = None


def _tops() -> dict[str, str]:
    return {c.path: c.name for c in selectors.top_categories()}


def item_payload(item: ServiceItem, tops: dict[str, str]) -> dict:
    return {
        "id": item.pk,
        "name": item.name,
        "category_id": item.category_id,
        "category_code": item.category.code,
        "top_category": tops.get(root_path(item.category.path, Category.steplen), ""),
        "mechanism": item.mechanism,
        "mechanism_label": str(item.get_mechanism_display()),
        "target_groups": item.target_groups,
        "materials": item.materials,
        "points_price": item.points_price,
        "at_cluster_centres": item.at_cluster_centres,
        "at_community_centres": item.at_community_centres,
    }


def _refuse_unknown(value: str, allowed, field: str) -> None:
    if value and value not in allowed:
        raise DomainError(gettext("There is no such choice: “%(v)s”.") % {"v": value}, field=field)


@items_router.get(
    "/", response=page_schema(ServiceItemOut, "ServiceItemPage"), summary=_("The service catalogue")
)
def service_item_list(request, filters: Query[ServiceItemFilters], page: Query[PageParams]):
    _refuse_unknown(filters.mechanism, Mechanism.values, "mechanism")
    _refuse_unknown(filters.target_group, TargetGroup.values, "target_group")
    items = selectors.catalogue(mechanism=filters.mechanism, group=filters.target_group)
    found = paginate(items, page)
    tops = _tops()
    return {"items": [item_payload(i, tops) for i in found.items], "next_cursor": found.next_cursor}


def _item(pk) -> ServiceItem:
    item = selectors.catalogue(active_only=False).filter(pk=pk).first()
    if item is None:
        raise DomainError(gettext("There is no such service item."), code="not_found")
    return item


@items_router.get("/{item_id}", response=ServiceItemOut, summary=_("One service item"))
def service_item_detail(request, item_id: ObjectId):
    return item_payload(_item(item_id), _tops())


@items_router.patch("/{item_id}", response=ServiceItemOut, summary=_("Change a service item"))
def service_item_change(request, item_id: ObjectId, payload: ServiceItemChangeIn):
    item = _item(item_id)
    services.service_item_update(request.user, item=item, **payload.dict(exclude_unset=True))
    return item_payload(item, _tops())


# -- provider listings -------------------------------------------------------------------------------------


class ListingAreaOut(Schema):
    area_id: int
    area_name: str


class ListingOut(Schema):
    id: int
    organisation_id: int
    name: str
    form: str
    state: str
    state_label: str
    area_id: int
    item_ids: list[int]
    coverage: list[ListingAreaOut]
    centre_id: int | None
    alliance_id: int | None
    open_cases: int
    rated_cases: int
    stars: str | None = Field(description=_("Mean stars of its rated orders, as a decimal string"))
    orders: int = Field(description=_("Orders given to it (merged ones aside)"))
    handled_cases: int = Field(description=_("Of those, handled, verified or closed"))


class ListingFilters(Schema):
    state: str = Field("", description=_("applied, listed or suspended"), max_length=12)
    form: str = Field("", description=_("unit, company, individual or team"), max_length=12)


class ListingIn(Schema):
    organisation_id: ObjectId
    form: str = Field(description=_("unit, company, individual or team"), max_length=12)
    item_ids: list[ObjectId] = Field(min_length=1, max_length=100)
    area_ids: list[ObjectId] = Field(min_length=1, max_length=200, description=_("Areas covered"))
    centre_id: ObjectId | None = None
    alliance_id: ObjectId | None = None


class ListingChangeIn(Schema):
    form: str | None = Field(None, max_length=12)
    item_ids: list[ObjectId] | None = Field(None, min_length=1, max_length=100)
    area_ids: list[ObjectId] | None = Field(None, min_length=1, max_length=200)
    centre_id: ObjectId | None = None
    alliance_id: ObjectId | None = None


class StepIn(Schema):
    note: str = Field("", max_length=200)


def _stars(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def listing_payload(listing, record) -> dict:
    return {
        "id": listing.pk,
        "organisation_id": listing.organisation_id,
        "name": listing.organisation.name,
        "form": listing.form,
        "state": listing.state,
        "state_label": str(listing.get_state_display()),
        "area_id": listing.area_id,
        "item_ids": sorted(i.pk for i in listing.service_items.all()),
        "coverage": [{"area_id": c.area_id, "area_name": c.area.name} for c in listing.coverage.all()],
        "centre_id": listing.centre_id,
        "alliance_id": listing.alliance_id,
        "open_cases": record.open_cases,
        "rated_cases": record.rated,
        "stars": _stars(record.stars),
        "orders": record.orders,
        "handled_cases": record.handled,
    }


def _payloads(listings) -> list[dict]:
    records = selectors.provider_records(listing.organisation_id for listing in listings)
    return [listing_payload(listing, records[listing.organisation_id]) for listing in listings]


def _ids(model, ids, field: str, *, queryset=None):
    wanted = list(dict.fromkeys(ids))
    found = {o.pk: o for o in (queryset if queryset is not None else model.objects).filter(pk__in=wanted)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise DomainError(
            gettext("There is no %(field)s %(id)s.") % {"field": field, "id": missing[0]}, field=field
        )
    return [found[pk] for pk in wanted]


def _one(model, pk, field: str, *, queryset=None):
    if pk is None:
        return None
    return _ids(model, [pk], field, queryset=queryset)[0]


def _refs(user, payload) -> dict:
    """The objects a payload names: items and areas by id, a centre and an alliance among those the user
    may see (outside them: as if absent)."""
    data = payload.dict(exclude_unset=True)
    refs = {}
    if "item_ids" in data:
        refs["items"] = _ids(
            ServiceItem, data["item_ids"], "item_ids", queryset=selectors.catalogue(active_only=False)
        )
    if "area_ids" in data:
        refs["areas"] = _ids(Area, data["area_ids"], "area_ids")
    if "centre_id" in data:
        refs["centre"] = _one(Place, data["centre_id"], "centre_id", queryset=Place.objects.restrict(user))
        refs["clear_centre"] = data["centre_id"] is None
    if "alliance_id" in data:
        refs["alliance"] = _one(
            PartyOrg, data["alliance_id"], "alliance_id", queryset=PartyOrg.objects.restrict(user)
        )
        refs["clear_alliance"] = data["alliance_id"] is None
    return refs


def _require_sees(user):
    if not permissions.sees_providers(user):
        raise PermissionDenied


@providers_router.get(
    "/", response=page_schema(ListingOut, "ListingPage"), summary=_("Provider listings you may see")
)
def provider_list(request, filters: Query[ListingFilters], page: Query[PageParams]):
    _require_sees(request.user)
    _refuse_unknown(filters.state, ListingState.values, "state")
    _refuse_unknown(filters.form, ProviderForm.values, "form")
    listings = selectors.listings_for(request.user)
    if filters.state:
        listings = listings.filter(state=filters.state)
    if filters.form:
        listings = listings.filter(form=filters.form)
    found = paginate(listings, page)
    return {"items": _payloads(found.items), "next_cursor": found.next_cursor}


def _listing(request, pk, action="view"):
    _require_sees(request.user)
    return get_for_user(selectors.listings_for(request.user), request.user, pk, action)


class MatchFilters(Schema):
    item: ObjectId = Field(description=_("The service item ordered"))
    area: ObjectId = Field(description=_("Where the service is wanted: an area's id"))


@providers_router.get(
    "/matches",
    response=list[ListingOut],
    summary=_("Providers that may take an order"),
    description=_(
        "The listed providers offering the item and covering the place, best first: fewest open orders, "
        "then best stars. A dispatcher sends a service order to one of these."
    ),
)
def provider_matches(request, filters: Query[MatchFilters]):
    _require_sees(request.user)
    item = _item(filters.item)
    area = get_for_user(Area, request.user, filters.area)
    visible = set(selectors.listings_for(request.user).values_list("pk", flat=True))
    matches = [m for m in provider_match(item=item, area=area) if m.pk in visible]
    return _payloads(matches)


@providers_router.get("/{listing_id}", response=ListingOut, summary=_("One provider listing"))
def provider_detail(request, listing_id: ObjectId):
    return _payloads([_listing(request, listing_id)])[0]


@providers_router.post("/", response={201: ListingOut}, summary=_("Apply for a provider listing"))
def provider_apply(request, payload: ListingIn):
    _require_sees(request.user)
    user = request.user
    organisation = get_for_user(Organisation, user, payload.organisation_id)
    refs = _refs(user, payload)
    refs.pop("clear_centre", None)
    refs.pop("clear_alliance", None)
    listing = services.listing_apply(user, organisation=organisation, form=payload.form, **refs)
    return Status(201, _payloads([_listing(request, listing.pk)])[0])


@providers_router.patch("/{listing_id}", response=ListingOut, summary=_("Change a provider listing"))
def provider_change(request, listing_id: ObjectId, payload: ListingChangeIn):
    listing = _listing(request, listing_id)
    refs = _refs(request.user, payload)
    services.listing_update(request.user, listing=listing, form=payload.form, **refs)
    return _payloads([_listing(request, listing_id)])[0]


def _step(request, listing_id, action, payload):
    listing = _listing(request, listing_id)
    services.listing_step(request.user, listing=listing, action=action, note=payload.note)
    return _payloads([_listing(request, listing_id)])[0]


@providers_router.post("/{listing_id}/approve", response=ListingOut, summary=_("Approve a listing"))
def provider_approve(request, listing_id: ObjectId, payload: StepIn):
    return _step(request, listing_id, ListingAction.APPROVE, payload)


@providers_router.post("/{listing_id}/suspend", response=ListingOut, summary=_("Suspend a listing"))
def provider_suspend(request, listing_id: ObjectId, payload: StepIn):
    return _step(request, listing_id, ListingAction.SUSPEND, payload)


@providers_router.post("/{listing_id}/resume", response=ListingOut, summary=_("Resume a listing"))
def provider_resume(request, listing_id: ObjectId, payload: StepIn):
    return _step(request, listing_id, ListingAction.RESUME, payload)


# -- material notices (一次性告知) --------------------------------------------------------------------------

notices_router = Router(tags=[_("Material notices")])


class MaterialNoticeOut(Schema):
    id: int
    case_id: int
    seq: int = Field(description=_("1 for the first notice of the case; 2 and on are second notices"))
    is_second: bool
    missing: list[str]
    note: str
    created_at: str


class NoticeFilters(Schema):
    case: ObjectId | None = Field(None, description=_("Only the notices of this case"))


class MaterialNoticeIn(Schema):
    case_id: ObjectId
    provided: list[str] = Field(
        default_factory=list, max_length=40, description=_("The materials the applicant brought")
    )
    note: str = Field("", max_length=200)


def notice_payload(notice) -> dict:
    return {
        "id": notice.pk,
        "case_id": notice.case_id,
        "seq": notice.seq,
        "is_second": notice.is_second,
        "missing": notice.missing,
        "note": notice.note,
        "created_at": notice.created_at.isoformat(),
    }


@notices_router.get(
    "/",
    response=page_schema(MaterialNoticeOut, "NoticePage"),
    summary=_("Material notices of the cases you see"),
)
def notice_list(request, filters: Query[NoticeFilters], page: Query[PageParams]):
    notices = selectors.notices_for(request.user)
    if filters.case:
        notices = notices.filter(case_id=filters.case)
    found = paginate(notices, page, descending=True)
    return {"items": [notice_payload(n) for n in found.items], "next_cursor": found.next_cursor}


@notices_router.get("/{notice_id}", response=MaterialNoticeOut, summary=_("One material notice"))
def notice_detail(request, notice_id: ObjectId):
    return notice_payload(get_for_user_notice(request.user, notice_id))


def get_for_user_notice(user, pk):
    notice = selectors.notices_for(user).filter(pk=pk).first()
    if notice is None:
        raise DomainError(gettext("There is no such notice among the cases you may see."), code="not_found")
    return notice


@notices_router.post("/", response={201: MaterialNoticeOut}, summary=_("Give a material notice"))
def notice_create(request, payload: MaterialNoticeIn):
    case = get_for_user(Case, request.user, payload.case_id)
    notice = services.material_notice_give(
        request.user, case=case, provided=payload.provided, note=payload.note
    )
    return Status(201, notice_payload(notice))
