from lianxin.core.access import ALL_ROLES, Rule, capable, everyone, named

# The first street's working committee: its secretary and the county's organisation department see it.
_SEE_COMMITTEE = frozenset({"county_admin", "street_secretary"})
_WRITE_ESTATE = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "property_staff"}
)


def _committee(w):
    return w.world.working_committees[0].pk


# The posts above estate 0 and its branch (its community, street and county): where they stand in the small
# world, by name. What they may do there is the rights table's: setting up organisations and keeping members
# ("party_org.edit"), appointing ("post.appoint"), changing staff categories ("staff.change_category").
_MANAGERS = frozenset({"county_admin", "street_secretary", "community_secretary"})
_ORG_EDITORS = capable("party_org.edit") & _MANAGERS
# Setting up an organisation, a chain or a studio in one's area: a township's or a village's secretary too.
_ORG_FOUNDERS = capable("party_org.edit") & (_MANAGERS | {"township_secretary", "village_secretary"})
_APPOINTERS = capable("post.appoint") & _MANAGERS
_CATEGORY_CHANGERS = capable("staff.change_category") & _MANAGERS
_MANAGE_TESTS = "lianxin/party/tests/test_manage_api.py"


def _estate_branch(w):
    from lianxin.party.models import OrgKind, PartyOrg

    return {"pk": PartyOrg.objects.get(area=w.world.estates[0], kind=OrgKind.BRANCH).pk}


def _branch_membership(w):
    from lianxin.party.models import Membership, OrgKind, PartyOrg

    branch = PartyOrg.objects.get(area=w.world.estates[0], kind=OrgKind.BRANCH)
    return {"pk": Membership.objects.current().filter(org=branch).order_by("id").first().pk}


def _grid_worker_post(w):
    from lianxin.people.models import Post

    return {"pk": Post.objects.get(person=w.cast.grid_worker.person, role="grid_worker").pk}


# Sector departments, alliances, couriers' grid workers (helper C: P003-15, P003-27, P003-31–34). The county
# committee's express-sector committee and its chain alliance are the county's: only the organisation
# department sees them in the cast (no cast member's department works the express sector).
_COUNTY_ONLY = frozenset({"county_admin"})
# Roles whose posts may change some area: they may link couriers (the service checks the grid itself).
_LINK_COURIERS = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "building_captain", "liaison"}
    | {"property_staff", "township_secretary", "village_secretary", "seconded_secretary"}
)


def _express_committee(w):
    from lianxin.party.models import OrgKind, PartyOrg, Sector

    return {"pk": PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS).pk}


def _alliance(w):
    from lianxin.party.models import OrgKind, PartyOrg

    return {"pk": PartyOrg.objects.filter(kind=OrgKind.CHAIN_ALLIANCE).order_by("path").first().pk}


def _alliance_member(w):
    from lianxin.party.models.alliances import AllianceMember

    member = AllianceMember.objects.order_by("id").first()
    return {"pk": member.alliance_id, "member_pk": member.pk}


def _api_alliance(w):
    return {"alliance_id": _alliance(w)["pk"]}


def _api_committee(w):
    return {"org_id": _express_committee(w)["pk"]}


_COUNTY_SCOPED = ALL_ROLES - _COUNTY_ONLY

# The alliance's lists are kept by those who lead it: in the cast, the organisation department over the
# county (where the alliance is) whose role has the capability.
_LIST_KEEPERS = capable("alliance_list.manage") & _COUNTY_ONLY


def _demo_demand(w):
    from lianxin.party.models import AllianceDemand

    demand = AllianceDemand.objects.order_by("id").first()
    return {"pk": demand.alliance_id, "demand_pk": demand.pk}


def _demo_offer(w):
    from lianxin.party.models import AllianceOffer

    offer = AllianceOffer.objects.order_by("id").first()
    return {"pk": offer.alliance_id, "offer_pk": offer.pk}


# The demo enterprise_contact's post lies on 巨川燃化公司, a member enterprise of the county's alliance: he
# reads its lists and files for his own enterprise (an empty form is a refused input, 400); another member's
# offer is not his to withdraw (403).
_LIST_READERS = _LIST_KEEPERS | named("enterprise_contact")


def _lists_post(kwargs, readers=_LIST_READERS) -> Rule:
    return Rule(method="POST", allowed=readers, scoped=ALL_ROLES - _LIST_READERS, kwargs=kwargs)


_LISTS = Rule(allowed=_LIST_READERS, scoped=ALL_ROLES - _LIST_READERS, kwargs=_alliance)


# A street's three-level organisation (P002-47): the first street's secretary and the county see it and set
# it up; no other demo role sees the street (404). Read-only posts over a street (403 on the forms) are in
# lianxin/party/tests/test_street_structure.py.
_SEE_STREET = frozenset({"county_admin", "street_secretary"})


def _street(w):
    return {"pk": w.world.streets[0].pk}


def _street_rule(method: str = "GET") -> Rule:
    return Rule(method=method, allowed=_SEE_STREET, scoped=ALL_ROLES - _SEE_STREET, kwargs=_street)


ACCESS = {
    "party/": everyone(),
    "party/<int:pk>/": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"pk": _committee(w)}
    ),
    "coverage/": everyone(),
    "coverage/figures/": everyone(),
    # The same report and figures as workbooks and over the API: each reads his own scope.
    "coverage/report.xlsx": everyone(),
    "coverage/figures.xlsx": everyone(),
    "api/v1/coverage/": everyone(),
    "coverage/mobile-members/": everyone(),  # a list: each sees the mobile members of his scope
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
    "api/v1/party-orgs/<org_id>/levels": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"org_id": _committee(w)}
    ),
    # Keeping organisations (views/manage.py, api/manage.py): managers get the form (400 for the empty one the
    # matrix sends), other roles that see the object 403, the rest 404.
    "party/new/": Rule(allowed=_ORG_FOUNDERS),
    "party/<int:pk>/edit/": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"pk": _committee(w)}
    ),
    "party/<int:pk>/members/new/": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"pk": _committee(w)}
    ),
    "party/memberships/<int:pk>/edit/": Rule(
        allowed=_ORG_EDITORS,
        scoped=ALL_ROLES - _MANAGERS - {"grid_worker", "building_captain"},
        kwargs=_branch_membership,
    ),
    "party/<int:pk>/member-posts/new/": Rule(
        method="POST",
        allowed=_ORG_EDITORS,
        scoped=ALL_ROLES - _MANAGERS - {"grid_worker", "property_staff", "courier", "volunteer"},
        kwargs=_estate_branch,
    ),
    "party/member-posts/": everyone(),
    # Only the member himself sets his badge: the matrix asks about the resident, who is no member (400 for
    # himself would need membership; he gets his page back), the others who see him 403.
    "people/<int:pk>/badge/": Rule(
        method="POST",
        allowed=frozenset({"resident"}),
        scoped=ALL_ROLES
        - {
            "county_admin",
            "street_secretary",
            "community_secretary",
            "grid_worker",
            "building_captain",
            "resident",
        },
        kwargs=lambda w: {"pk": w.cast.resident.person_id},
    ),  # fmt: skip
    "party/<int:pk>/notice/": Rule(
        method="POST",
        allowed=_SEE_COMMITTEE,
        scoped=ALL_ROLES - _SEE_COMMITTEE,
        kwargs=lambda w: {"pk": _committee(w)},
    ),
    "api/v1/party-orgs/<org_id>/notice": Rule(skip="JSON POST: " + _MANAGE_TESTS),
    "party/member-posts/<int:pk>/end/": Rule(method="POST", scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}),
    "party/chains/": everyone(),
    "party/chains/new/": Rule(method="POST", allowed=_ORG_FOUNDERS),
    "party/chains/<int:pk>/edit/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}),
    "party/studios/": everyone(),
    "party/studios/new/": Rule(method="POST", allowed=_ORG_FOUNDERS),
    "party/studios/<int:pk>/mentees/": Rule(method="POST", scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}),
    "party/studios/mentees/<int:pk>/end/": Rule(method="POST", scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}),
    "people/posts/<int:pk>/category/": Rule(
        method="POST",
        allowed=_CATEGORY_CHANGERS,
        scoped=ALL_ROLES - _MANAGERS - {"grid_worker", "property_staff", "courier", "volunteer"},
        kwargs=_grid_worker_post,
    ),
    "api/v1/memberships/": everyone(),
    "api/v1/memberships/<membership_id>": Rule(skip="PATCH only: " + _MANAGE_TESTS),
    "api/v1/industry-chains/": everyone(),
    "api/v1/industry-chains/<chain_id>": Rule(skip="PATCH only: " + _MANAGE_TESTS),
    "api/v1/member-posts/": everyone(),
    "api/v1/member-posts/<post_id>/end": Rule(
        method="POST", scoped=ALL_ROLES, kwargs=lambda w: {"post_id": 999999}
    ),
    "api/v1/secretary-studios/": everyone(),
    "api/v1/secretary-studios/<studio_id>/mentees": Rule(skip="JSON POST: " + _MANAGE_TESTS),
    "api/v1/staff-category-changes/": everyone(),
    "api/v1/territory-figures/": everyone(),
    "api/v1/memberships/mobile": everyone(),  # a list: each sees the mobile members of his scope
    "party/property-companies/": everyone(),
    "people/<int:pk>/posts/new/": Rule(
        method="POST",
        allowed=_APPOINTERS,
        scoped=ALL_ROLES - _MANAGERS - {"grid_worker"},
        kwargs=lambda w: {"pk": w.cast.grid_worker.person_id},
    ),
    "people/posts/<int:pk>/end/": Rule(method="POST", scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}),
    "api/v1/appointments/": Rule(skip="JSON POST: " + _MANAGE_TESTS),
    "api/v1/appointments/<post_id>/end": Rule(
        method="POST", scoped=ALL_ROLES, kwargs=lambda w: {"post_id": 999999}
    ),
    "party/property-companies/<int:pk>/key/": Rule(
        method="POST", scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}
    ),
    "api/v1/staff-category-changes/send-down": Rule(skip="JSON POST: " + _MANAGE_TESTS),
    "people/<int:pk>/send-down/": Rule(
        method="POST",
        allowed=_CATEGORY_CHANGERS,
        scoped=ALL_ROLES - _MANAGERS - {"grid_worker"},
        kwargs=lambda w: {"pk": w.cast.grid_worker.person_id},
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
    # The county's alliance, read by the county's posts: the organisation department and the county reviewer.
    "api/v1/alliances/<alliance_id>": Rule(
        allowed=_COUNTY_ONLY | {"reviewer"}, scoped=_COUNTY_SCOPED - {"reviewer"}, kwargs=_api_alliance
    ),
    "api/v1/alliances/<alliance_id>/category": Rule(skip="JSON POST: lianxin/party/tests/test_alliances.py"),
    "api/v1/alliances/<alliance_id>/segments": Rule(skip="JSON POST: lianxin/party/tests/test_alliances.py"),
    "api/v1/alliances/<alliance_id>/members": Rule(skip="JSON POST: lianxin/party/tests/test_alliances.py"),
    # The alliance's three lists: its leads (the organisation department over the county's alliance) and
    # its member enterprises' contacts (enterprise_contact; lianxin/party/tests/test_alliance_lists.py);
    # others 404 as if it did not exist. An empty POST is a refused input (400).
    "party/alliance-lists/": Rule(allowed=_LIST_READERS, scoped=ALL_ROLES - _LIST_READERS),
    "party/alliances/<int:pk>/lists/": _LISTS,
    "party/alliances/<int:pk>/lists/demands/": _lists_post(_alliance),
    "party/alliances/<int:pk>/lists/offers/": _lists_post(_alliance),
    "party/alliances/<int:pk>/lists/offers/<int:offer_pk>/active/": _lists_post(_demo_offer, _LIST_KEEPERS),
    "party/alliances/<int:pk>/lists/demands/<int:demand_pk>/match/": _lists_post(_demo_demand),
    "party/alliances/<int:pk>/lists/demands/<int:demand_pk>/deal/": _lists_post(_demo_demand),
    "api/v1/alliances/<alliance_id>/demands": Rule(
        allowed=_LIST_READERS, scoped=ALL_ROLES - _LIST_READERS, kwargs=_api_alliance
    ),
    "api/v1/alliances/<alliance_id>/offers": Rule(
        allowed=_LIST_READERS, scoped=ALL_ROLES - _LIST_READERS, kwargs=_api_alliance
    ),
    "api/v1/alliances/<alliance_id>/matches": Rule(
        allowed=_LIST_READERS, scoped=ALL_ROLES - _LIST_READERS, kwargs=_api_alliance
    ),
    "api/v1/alliances/<alliance_id>/deals": Rule(
        allowed=_LIST_READERS, scoped=ALL_ROLES - _LIST_READERS, kwargs=_api_alliance
    ),
    "api/v1/alliances/<alliance_id>/totals": Rule(
        allowed=_LIST_READERS, scoped=ALL_ROLES - _LIST_READERS, kwargs=_api_alliance
    ),
    "api/v1/sector-committees/<org_id>/departments": Rule(
        allowed=_COUNTY_ONLY, scoped=_COUNTY_SCOPED, kwargs=_api_committee
    ),
    "api/v1/courier-links/": everyone(),
    "api/v1/courier-links/gaps": everyone(),
    "api/v1/membership-stages/mobile": Rule(skip="JSON POST: lianxin/party/tests/test_sector_work.py"),
    "api/v1/membership-stages/applicants": Rule(skip="JSON POST: lianxin/party/tests/test_sector_work.py"),
    "party/streets/<int:pk>/structure/": _street_rule(),
    "party/streets/<int:pk>/structure/office/": _street_rule("POST"),
    "party/streets/<int:pk>/structure/centre/": _street_rule("POST"),
    "party/streets/<int:pk>/structure/staff/": _street_rule("POST"),
}
