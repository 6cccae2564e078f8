"""Party organisations over the API: the top organisations a user may see, one organisation, its children,
each with its member counts, as the party tree page shows them.

The party-orgs router lives in the package itself so its operations keep the OpenAPI ``operationId`` they
had (``lianxin_party_api_…``); ``chains``, ``coverage`` and ``manage`` add theirs beside it."""

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import parent_path
from lianxin.core.scope import get_for_user
from lianxin.party.models import Field as OrgField
from lianxin.party.models import OrgKind, PartyOrg, SetupMode
from lianxin.party.views.orgs import party_level_counts, party_org_children, party_org_roots, party_org_rows

router = Router(tags=[_("Party organisations")])


class PartyOrgCounts(Schema):
    members_here: int = Field(description=_("Members held in this organisation"))
    members_subtree: int = Field(description=_("Members in this organisation and those under it"))
    orgs_below: int = Field(description=_("Organisations under this one"))
    member_households: int = Field(description=_("Member households"))


class AreaRef(Schema):
    id: int
    name: str


class PartyOrgOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    parent_id: int | None = Field(
        description=_("The parent organisation; null when it lies outside your scope or there is none.")
    )
    depth: int
    area: AreaRef | None = Field(description=_("The area it is anchored to; null when outside your scope."))
    field: str
    sector: str
    counts: PartyOrgCounts


PartyOrgPage = page_schema(PartyOrgOut, "PartyOrgPage")


def party_org_payloads(*, user, orgs) -> list[dict]:
    rows = party_org_rows(user=user, orgs=orgs)
    parents = dict(
        PartyOrg.objects.restrict(user)
        .filter(path__in={parent_path(row.org.path) for row in rows if row.org.depth > 1})
        .values_list("path", "pk")
    )
    areas = dict(
        Area.objects.restrict(user).filter(pk__in={row.org.area_id for row in rows}).values_list("pk", "name")
    )
    return [
        {
            "id": row.org.pk,
            "name": row.org.name,
            "kind": row.org.kind,
            "kind_label": str(row.org.get_kind_display()),
            "parent_id": parents.get(parent_path(row.org.path)),
            "depth": row.org.depth,
            "area": {"id": row.org.area_id, "name": areas[row.org.area_id]}
            if row.org.area_id in areas
            else None,
            "field": row.org.field,
            "sector": row.org.sector,
            "counts": {
                "members_here": row.members_here,
                "members_subtree": row.members_subtree,
                "orgs_below": row.orgs_below,
                "member_households": row.member_households,
            },
        }
        for row in rows
    ]


def _page(user, queryset, page: PageParams) -> dict:
    chunk = paginate(queryset, page, key="path")
    return {"items": party_org_payloads(user=user, orgs=chunk.items), "next_cursor": chunk.next_cursor}


class PartyOrgFilters(Schema):
    field: str = Field("", description=_("Only organisations of this field (organ, school, soe, two_new …)"))
    kind: str = Field("", description=_("Only organisations of this kind"))
    setup_mode: str = Field("", description=_("Only organisations set up this way (single, joint, led)"))


@router.get(
    "/",
    response=PartyOrgPage,
    summary=_("Top party organisations you may see"),
    description=_(
        "Without filters: the outermost organisations you may see. With field, kind or set-up mode: every "
        "organisation you may see that matches, in tree order (P001-40)."
    ),
)
def party_org_tops(request, page: Query[PageParams], filters: Query[PartyOrgFilters]):
    if not (filters.field or filters.kind or filters.setup_mode):
        return _page(request.user, party_org_roots(user=request.user), page)
    orgs = PartyOrg.objects.restrict(request.user)
    for name, choices in (("field", OrgField), ("kind", OrgKind), ("setup_mode", SetupMode)):
        value = getattr(filters, name)
        if value and value not in choices.values:
            raise DomainError(
                _("Unknown value %(value)s; one of: %(choices)s")
                % {"value": value, "choices": ", ".join(choices.values)},
                field=name,
            )
        if value:
            orgs = orgs.filter(**{name: value})
    return _page(request.user, orgs.order_by("path"), page)


@router.get("/{org_id}", response=PartyOrgOut, summary=_("One party organisation"))
def party_org_detail(request, org_id: ObjectId):
    org = get_for_user(PartyOrg, request.user, org_id)
    return party_org_payloads(user=request.user, orgs=[org])[0]


class PartyLevelCount(Schema):
    level: str
    label: str
    count: int


@router.get(
    "/{org_id}/levels",
    response=list[PartyLevelCount],
    summary=_("The five levels under one organisation"),
    description=_(
        "How many street working committees, community committees, estate branches, building groups and "
        "member households lie under the organisation, as far as you may see: its page's counts (P004-20)."
    ),
)
def party_org_levels(request, org_id: ObjectId):
    org = get_for_user(PartyOrg, request.user, org_id)
    return [
        {"level": key, "label": str(label), "count": n}
        for key, label, n in party_level_counts(user=request.user, org=org)
    ]


@router.get("/{org_id}/children", response=PartyOrgPage, summary=_("The organisations directly under one"))
def party_org_children_list(request, org_id: ObjectId, page: Query[PageParams]):
    org = get_for_user(PartyOrg, request.user, org_id)
    return _page(request.user, party_org_children(user=request.user, org=org), page)


# The alliance lists' routes hang on the alliances router of ``chains``: importing the module adds them
# before lianxin/api.py mounts that router.
from lianxin.party.api import alliance_lists  # noqa: E402, F401
