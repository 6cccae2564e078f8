"""Enterprises' requests to the chain service teams (P000-62: 税务征缴、卫生保洁、证照办理、安全消防). An
enterprise contact (a current post on the enterprise) submits a request of an enterprise service; it is a
service order placed at the enterprise's area, raised by an enterprise (reporter group), and the intake
router sends it to the matching provider — the team of the enterprise's industry-chain alliance first, then
any other listed team offering the item there; with none the community's queue takes it. The team takes
it, handles it and the contact rates it (1–5 stars) on 我的订单, as any order."""

from django.utils.translation import gettext as _

from lianxin.cases.intake import category_allowed
from lianxin.cases.models import Channel, ReporterGroup
from lianxin.cases.services import case_report
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Post
from lianxin.provision.models import ServiceItem, TargetGroup


def enterprises_of(user):
    """The enterprises (organisations other than providers and shops) the user holds a current post on."""
    from lianxin.people.models import Organisation, OrganisationKind

    if not getattr(user, "person_id", None):
        return Organisation.objects.none()
    held = Post.objects.current().filter(person_id=user.person_id, organisation__isnull=False)
    return (
        Organisation.objects.filter(pk__in=held.values("organisation_id"), area__isnull=False)
        .exclude(kind__in=[OrganisationKind.PROVIDER, OrganisationKind.PROPERTY_COMPANY, "partner_shop"])
        .order_by("name")
    )


def enterprise_items():
    """The catalogue's enterprise services (target group 企业), active ones."""
    from lianxin.provision.selectors import catalogue

    return catalogue(group=TargetGroup.ENTERPRISES)


def enterprise_request_place(
    actor, *, enterprise, item: ServiceItem, description: str = "", idempotency_key: str = ""
):
    """Submit ``enterprise``'s request of ``item``: refused (403) unless the actor holds a post on the
    enterprise, (400) when the item is not an enterprise service."""
    if not enterprises_of(actor).filter(pk=enterprise.pk).exists():
        raise DomainError(_("Only the contacts of this enterprise submit its requests."), code="forbidden")
    if not enterprise_items().filter(pk=item.pk).exists():
        raise DomainError(_("Choose one of the enterprise services."), field="item")
    reason = category_allowed(actor, item.category, area=enterprise.area)
    if reason:
        raise DomainError(reason, code="forbidden", field="item")
    return case_report(
        actor,
        category=item.category,
        area=enterprise.area,
        description=(description or "").strip() or item.name,
        title=f"{enterprise.name}：{item.name}"[:100],
        channel=Channel.H5,
        reporter_group=ReporterGroup.ENTERPRISE,
        idempotency_key=idempotency_key,
    )


def enterprise_requests(user):
    """The user's own requests on behalf of an enterprise (service orders raised by an enterprise)."""
    from lianxin.provision.selectors import orders_mine

    return orders_mine(user).filter(reporter_group=ReporterGroup.ENTERPRISE)
