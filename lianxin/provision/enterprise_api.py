"""Enterprises' requests to the chain service teams over the API (P000-62): ``/api/v1/enterprise-requests/``,
the same service and scope as the 企业服务 page. A request is a service order: its steps (take, handle,
rate with ``stars``) are the cases API's."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.core.api_idempotency import IDEMPOTENCY_KEY
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.provision.services.enterprise import (
    enterprise_items,
    enterprise_request_place,
    enterprise_requests,
    enterprises_of,
)

enterprise_requests_router = Router(tags=[_("Enterprise requests")])


class EnterpriseRequestOut(Schema):
    id: int
    number: str
    item: str
    state: str
    handler: str = Field(description=_("The team (or level) handling it"))
    stars: int | None


class EnterpriseRequestIn(Schema):
    enterprise: ObjectId
    item: ObjectId = Field(description=_("An enterprise service of the catalogue"))
    description: str = Field("", max_length=2000)


def request_payload(case) -> dict:
    return {
        "id": case.pk,
        "number": case.number,
        "item": case.category.name,
        "state": case.state,
        "handler": case.handler_label,
        "stars": case.rating_stars,
    }


@enterprise_requests_router.get(
    "/",
    response=page_schema(EnterpriseRequestOut, "EnterpriseRequestPage"),
    summary=_("Your enterprise requests"),
)
def enterprise_request_list(request, page: Query[PageParams]):
    found = paginate(enterprise_requests(request.user), page, descending=True)
    return {"items": [request_payload(c) for c in found.items], "next_cursor": found.next_cursor}


@enterprise_requests_router.post(
    "/", response={201: EnterpriseRequestOut}, summary=_("Submit an enterprise's request to its service team")
)
def enterprise_request_create(request, payload: EnterpriseRequestIn, idempotency_key: str = IDEMPOTENCY_KEY):
    enterprise = enterprises_of(request.user).filter(pk=payload.enterprise).first()
    if enterprise is None:
        raise DomainError(
            gettext("Only the contacts of this enterprise submit its requests."), code="forbidden"
        )
    item = enterprise_items().filter(pk=payload.item).first()
    if item is None:
        raise DomainError(gettext("Choose one of the enterprise services."), field="item")
    case = enterprise_request_place(
        request.user,
        enterprise=enterprise,
        item=item,
        description=payload.description,
        idempotency_key=idempotency_key,
    )
    return Status(201, request_payload(case))
