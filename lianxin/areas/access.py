from lianxin.core.access import ALL_ROLES, Rule, capable, everyone

# The sets below named by username are where a persona's post lies in the small world (who is over estate 0,
# the first community, the first street); what a post may do there is the rights table's (capable(...)).

# Who sees estate 0 of the small world (the grid worker's): its street and community, its grid worker, the
# property company serving it, and the community's courier and volunteer (read only).
_SEE_ESTATE = frozenset(
    {
        "county_admin",
        "street_secretary",
        "community_secretary",
        "grid_worker",
        "courier",
        "volunteer",
        "property_staff",
    }
)


def _estate(w):
    return {"pk": w.world.estates[0].pk}


def _estate_api(w):
    return {"area_id": w.world.estates[0].pk}


def _seen_with_estate(kwargs=_estate) -> Rule:
    """A route about estate 0 (or what hangs on it): those who see the estate get it, the others 404."""
    return Rule(allowed=_SEE_ESTATE, scoped=ALL_ROLES - _SEE_ESTATE, kwargs=kwargs)


# Restructuring from the first street's page: those who may change the street (its secretary and the county).
_CHANGE_STREET = frozenset({"county_admin", "street_secretary"})


def _street(w):
    return {"pk": w.world.streets[0].pk}


# Places: the first community's service centre (its community and street see it, the courier and volunteer
# of the community read it); recording a place needs write access to the area.
_SEE_COMMUNITY = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "courier", "volunteer"}
)
_CHANGE_COMMUNITY = frozenset({"county_admin", "street_secretary", "community_secretary"})
# Logging an activity at the centre: posts with "place.record_activity" that see it.
_RECORD_ACTIVITY = capable("place.record_activity") & _SEE_COMMUNITY
_CHANGE_ESTATE = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "property_staff"}
)


_SEE_VILLAGE = frozenset({"county_admin", "liaison", "township_secretary", "village_secretary"})


def _centre(w):
    from lianxin.areas.models import Place

    return Place.objects.filter(area=w.world.communities[0]).order_by("id").first().pk


ACCESS = {
    "areas/<int:pk>/property/": _seen_with_estate(),
    # The estate's facts are its community's (its name the tree keepers'): the grid worker and the property
    # company, who may write other rows of the estate, get 403 (issue 18 finding 6, issue 19).
    "areas/<int:pk>/edit/": Rule(
        allowed=capable("area.set_facts") & _CHANGE_ESTATE,
        scoped=ALL_ROLES - _CHANGE_ESTATE - {"courier", "volunteer"},
        kwargs=_estate,
    ),
    "areas/<int:pk>/member-households/": _seen_with_estate(),
    "areas/<int:pk>/liaisons/": Rule(
        allowed=_SEE_VILLAGE, scoped=ALL_ROLES - _SEE_VILLAGE, kwargs=lambda w: {"pk": w.world.villages[0].pk}
    ),
    "areas/<int:pk>/places/new/": Rule(
        allowed=_CHANGE_ESTATE, scoped=ALL_ROLES - _CHANGE_ESTATE - {"courier", "volunteer"}, kwargs=_estate
    ),
    "areas/places/map/": everyone(),  # a list: each sees the open stations and those of his scope
    "areas/places/nearby/": everyone(),  # 附近: open places, for everyone signed in (issue 21)
    # The first community's centre is open: everyone signed in reads it (issue 21); its community, street
    # and county change it, its courier and volunteer (who see it by their posts) get 403, the rest 404.
    "areas/places/<int:pk>/": everyone(kwargs=lambda w: {"pk": _centre(w)}),
    "areas/places/<int:pk>/edit/": Rule(
        allowed=_CHANGE_COMMUNITY,
        scoped=ALL_ROLES - _SEE_COMMUNITY,
        kwargs=lambda w: {"pk": _centre(w)},
    ),
    # Recording an activity at the centre: those who may (an empty form: 400), the others 403.
    "areas/places/<int:pk>/activities/new/": Rule(
        method="POST", allowed=_RECORD_ACTIVITY, kwargs=lambda w: {"pk": _centre(w)}
    ),
    "api/v1/places/": everyone(),
    # GET here; the POST that records one: lianxin/areas/tests/test_place_activities.py.
    "api/v1/places/<place_id>/activities": everyone(kwargs=lambda w: {"place_id": _centre(w)}),
    "api/v1/places/<place_id>": everyone(kwargs=lambda w: {"place_id": _centre(w)}),
    "areas/<int:pk>/restructure/": Rule(
        allowed=_CHANGE_STREET, scoped=ALL_ROLES - _CHANGE_STREET, kwargs=_street
    ),
    # No restructuring in the small world: a missing one is 404 for everyone.
    "areas/restructurings/<int:pk>/approval/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}),
    "api/v1/areas/<area_id>/levels": _seen_with_estate(_estate_api),
    "api/v1/areas/<area_id>/four-roles": _seen_with_estate(_estate_api),
    "api/v1/areas/<area_id>/member-households": _seen_with_estate(_estate_api),
    "api/v1/areas/<area_id>/history": _seen_with_estate(_estate_api),
    # Yearly facts: read by whoever sees the area; recording them (POST) is the county's, tested in
    # lianxin/areas/tests/test_dated_facts.py.
    "api/v1/areas/<area_id>/facts": _seen_with_estate(_estate_api),
    "areas/<int:pk>/facts/": _seen_with_estate(),
    "areas/": everyone(),
    "areas/<int:pk>/": _seen_with_estate(),
    "areas/<int:pk>/households/": _seen_with_estate(),
    "areas/<int:pk>/posts/": _seen_with_estate(),
    "api/v1/areas/": everyone(),
    "api/v1/areas/by-code/<code>": _seen_with_estate(lambda w: {"code": w.world.estates[0].code}),
    "api/v1/areas/<area_id>": _seen_with_estate(_estate_api),
    "api/v1/areas/<area_id>/children": _seen_with_estate(_estate_api),
    "api/v1/areas/<area_id>/subtree": _seen_with_estate(_estate_api),
    "areas/<int:pk>/new/": Rule(
        allowed=capable("area.keep_tree") & _SEE_ESTATE,
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=_estate,
    ),
    "areas/<int:pk>/move/": Rule(
        allowed=capable("area.keep_tree") & _SEE_ESTATE,
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=_estate,
    ),
    "api/v1/areas/<area_id>/move": Rule(skip="JSON POST: lianxin/areas/tests/test_tree_keeping.py"),
    # GET: the estate's facts, branch and owners' committee to whoever sees the estate
    # (PATCH: lianxin/areas/tests/test_estate_facts.py).
    "api/v1/areas/<area_id>/estate": _seen_with_estate(kwargs=_estate_api),
    # An estate's type, property mode and maturity: community staff (and above) who may change it; read-only
    # posts and non-staff writers 403.
    "areas/<int:pk>/estate/": Rule(
        allowed=capable("area.set_facts") & _SEE_ESTATE,
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=_estate,
    ),
}
