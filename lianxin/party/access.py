from lianxin.core.access import ALL_ROLES, Rule, everyone

# The first street's working committee: its secretary and the county's organisation department see it.
_SEE_COMMITTEE = frozenset({"county_admin", "street_secretary"})
_WRITE_ESTATE = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "property_staff"}
)


def _committee(w):
    return w.world.working_committees[0].pk


# Sector departments, alliances, couriers' grid workers (helper C: P003-15, P003-27, P003-31–34). The county
# committee's express-sector committee and its chain alliance are the county's: only the organisation
# department sees them in the cast (no cast member's department works the express sector).
_COUNTY_ONLY = frozenset({"county_admin"})
# Roles whose posts may change some area: they may link couriers (the service checks the grid itself).
_LINK_COURIERS = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "building_captain", "liaison"}
    | {"property_staff"}
)


def _express_committee(w):
    from lianxin.party.models import OrgKind, PartyOrg, Sector

    return {"pk": PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS).pk}


def _alliance(w):
    from lianxin.party.models import OrgKind, PartyOrg

    return {"pk": PartyOrg.objects.filter(kind=OrgKind.CHAIN_ALLIANCE).order_by("path").first().pk}


def _alliance_member(w):
    from lianxin.party.alliances import AllianceMember

    member = AllianceMember.objects.order_by("id").first()
    return {"pk": member.alliance_id, "member_pk": member.pk}


def _api_alliance(w):
    return {"alliance_id": _alliance(w)["pk"]}


def _api_committee(w):
    return {"org_id": _express_committee(w)["pk"]}


_COUNTY_SCOPED = ALL_ROLES - _COUNTY_ONLY


ACCESS = {
    "party/": everyone(),
    "party/<int:pk>/": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"pk": _committee(w)}
    ),
    "coverage/": everyone(),
    "coverage/figures/": everyone(),
    # Founding a branch needs write access to the estate: read-only posts over it get 403, others 404.
    "coverage/estates/<int:pk>/branch/": Rule(
        method="POST",
        allowed=_WRITE_ESTATE,
        scoped=ALL_ROLES - _WRITE_ESTATE - {"courier", "volunteer"},
        kwargs=lambda w: {"pk": w.world.estates[0].pk},
    ),
    "api/v1/party-orgs/": everyone(),
    "api/v1/party-orgs/<org_id>": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"org_id": _committee(w)}
    ),
    "api/v1/party-orgs/<org_id>/children": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"org_id": _committee(w)}
    ),
    "party/<int:pk>/departments/": Rule(
        allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_express_committee
    ),
    "party/<int:pk>/departments/add/": Rule(
        method="POST", allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_express_committee
    ),
    "party/alliances/": everyone(),
    "party/alliances/<int:pk>/": Rule(allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_alliance),
    "party/alliances/<int:pk>/category/": Rule(
        method="POST", allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_alliance
    ),
    "party/alliances/<int:pk>/segments/": Rule(
        method="POST", allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_alliance
    ),
    "party/alliances/<int:pk>/members/": Rule(
        method="POST", allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_alliance
    ),
    "party/alliances/<int:pk>/members/<int:member_pk>/segment/": Rule(
        method="POST", allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_alliance_member
    ),
    "party/couriers/": everyone(),
    "party/couriers/link/": Rule(method="POST", allowed=_LINK_COURIERS),
    "api/v1/alliances/": everyone(),
    "api/v1/alliances/figures": everyone(),
    "api/v1/alliances/<alliance_id>": Rule(allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_api_alliance),
    "api/v1/alliances/<alliance_id>/category": Rule(skip="JSON POST: lianxin/party/tests/test_alliances.py"),
    "api/v1/alliances/<alliance_id>/segments": Rule(skip="JSON POST: lianxin/party/tests/test_alliances.py"),
    "api/v1/alliances/<alliance_id>/members": Rule(skip="JSON POST: lianxin/party/tests/test_alliances.py"),
    "api/v1/sector-committees/<org_id>/departments": Rule(
        allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_api_committee
    ),
    "api/v1/courier-links/": everyone(),
    "api/v1/courier-links/gaps": everyone(),
    "api/v1/membership-stages/mobile": Rule(skip="JSON POST: lianxin/party/tests/test_sector_work.py"),
    "api/v1/membership-stages/applicants": Rule(skip="JSON POST: lianxin/party/tests/test_sector_work.py"),
    "api/v1/territory-figures/": everyone(),
}
