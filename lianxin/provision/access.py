"""What each demo account gets on the provision app's pages and API (tests/test_authorization_matrix.py).

The listing used is the provider_staff's own provider's (巨川家政服务中心, based at the county and covering
it): the county's staff vet it, the street and community secretaries read it (it covers their areas), its
staff change it."""

from lianxin.core.access import ADMINS, ALL_ROLES, STAFF, Rule, everyone

_WORKERS = STAFF - ADMINS
_SEE_PROVIDERS = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "provider_staff", "township_secretary"}
    | {"village_secretary"}
)
_CHANGE_LISTING = frozenset({"county_admin", "provider_staff"})
_COUNTY = frozenset({"county_admin"})
_STAFF = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "township_secretary", "village_secretary"}
)
_TESTS = "lianxin/provision/tests/"
_RURAL = frozenset({"township_secretary", "village_secretary"})  # secretaries of a township, a village
_ENTERPRISES = frozenset({"enterprise_contact", "village_secretary", "coop_chair"})
_SEE_COMMUNITY = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "courier", "volunteer"}
)


def _item(w):
    from lianxin.provision.models import ServiceItem
    from lianxin.provision.seeds import catalogue_ensure

    catalogue_ensure()
    return ServiceItem.objects.get(category__code="svc_old_age_allowance").pk


def _listing(w):
    from lianxin.people.models import Post
    from lianxin.provision.demo import provision_demo_ensure
    from lianxin.provision.models import ProviderListing

    provision_demo_ensure()
    post = Post.objects.filter(person=w.cast.provider_staff.person, organisation__isnull=False).first()
    return ProviderListing.objects.get(organisation=post.organisation).pk


def _open_centre(w):
    from lianxin.areas.models import Place, PlaceStatus

    return Place.objects.filter(status=PlaceStatus.OPEN, designations__code="service_centre").first().pk


ACCESS = {
    # Service places (docs/services.md 场所与服务圈): an open place's services and rules are read by all
    # signed in; the matrix, clusters, formats and circle pages are the staff's; the resident's own circle.
    "provision/places/<int:pk>/": everyone(kwargs=lambda w: {"pk": _open_centre(w)}),
    "provision/matrix/": Rule(allowed=_STAFF),
    "provision/clusters/": Rule(allowed=_STAFF),
    "provision/formats/": Rule(allowed=_STAFF),
    "provision/circle/": Rule(allowed=_STAFF),
    "provision/my-centre/": everyone(),
    "api/v1/place-rules/": Rule(allowed=ALL_ROLES),
    "api/v1/place-rules/<rule_id>/end": Rule(skip="JSON POST: " + _TESTS + "test_places.py"),
    "api/v1/place-formats/": Rule(allowed=ALL_ROLES),
    "api/v1/service-matrix/<area_id>": Rule(
        allowed=_STAFF - _RURAL, scoped=_RURAL, kwargs=lambda w: {"area_id": w.world.communities[0].pk}
    ),
    "api/v1/service-matrix/<area_id>/map": Rule(
        allowed=_STAFF - _RURAL, scoped=_RURAL, kwargs=lambda w: {"area_id": w.world.communities[0].pk}
    ),
    "api/v1/clusters/": Rule(allowed=_STAFF),
    "api/v1/reach/<area_id>/households": Rule(
        allowed=_SEE_COMMUNITY,
        scoped=ALL_ROLES - _SEE_COMMUNITY,
        kwargs=lambda w: {"area_id": w.world.communities[0].pk},
    ),
    "api/v1/reach/<area_id>/estates": Rule(
        allowed=_SEE_COMMUNITY,
        scoped=ALL_ROLES - _SEE_COMMUNITY,
        kwargs=lambda w: {"area_id": w.world.communities[0].pk},
    ),
    # Every signed-in person orders services for himself (居民点单) and sees only his own orders.
    "provision/services/": everyone(),
    "provision/services/<int:pk>/order/": everyone(kwargs=lambda w: {"pk": _item(w)}),
    "provision/orders/": everyone(),
    # Enterprise services (P000-62): the page is an enterprise contact's (a post on an enterprise); the API
    # lists the caller's own requests (none for most).
    # Any enterprise the user holds a post on, a cooperative too (its chair: the village secretary, 刘春生).
    "provision/enterprise/": Rule(allowed=_ENTERPRISES),
    "api/v1/enterprise-requests/": everyone(),
    # Nobody's order has this number: every persona reads it as absent.
    "provision/orders/<int:pk>/rate/": Rule(
        scoped=ALL_ROLES, method="POST", kwargs=lambda w: {"pk": 999_999_999}
    ),
    # Windows: the staff over places (and a place's own staff, of whom the cast has none). No window exists
    # in the matrix's world: those who may open the pages read this one as absent.
    "provision/windows/": Rule(allowed=_STAFF),
    "provision/windows/<int:pk>/": Rule(scoped=_STAFF, kwargs=lambda w: {"pk": 999_999_999}),
    "provision/windows/<int:pk>/walk-ins/": Rule(
        scoped=_STAFF, method="POST", kwargs=lambda w: {"pk": 999_999_999}
    ),
    "provision/windows/<int:pk>/duties/": Rule(
        scoped=_STAFF, method="POST", kwargs=lambda w: {"pk": 999_999_999}
    ),
    "provision/catalogue/": Rule(allowed=_WORKERS),
    "provision/catalogue/<int:pk>/edit/": Rule(allowed=_COUNTY, kwargs=lambda w: {"pk": _item(w)}),
    "provision/providers/": Rule(allowed=_SEE_PROVIDERS),
    "provision/providers/new/": Rule(allowed=_SEE_PROVIDERS),
    "provision/providers/<int:pk>/": Rule(allowed=_SEE_PROVIDERS, kwargs=lambda w: {"pk": _listing(w)}),
    "provision/providers/<int:pk>/edit/": Rule(
        allowed=_CHANGE_LISTING,
        # Others who see it may not change it; those who do not see it get 403 before its scope is asked.
        kwargs=lambda w: {"pk": _listing(w)},
    ),
    "provision/providers/<int:pk>/steps/<slug:action>/": Rule(
        allowed=_COUNTY,
        method="POST",
        kwargs=lambda w: {"pk": _listing(w), "action": "suspend"},
    ),
    "api/v1/service-items/": Rule(allowed=ALL_ROLES),
    "api/v1/service-items/<item_id>": Rule(allowed=ALL_ROLES, kwargs=lambda w: {"item_id": _item(w)}),
    "api/v1/providers/": Rule(allowed=_SEE_PROVIDERS),
    # Its two required ids depend on the world: who gets what is tested there, role by role.
    "api/v1/providers/matches": Rule(skip="GET with ids: " + _TESTS + "test_matching.py"),
    "api/v1/providers/<listing_id>": Rule(
        allowed=_SEE_PROVIDERS, kwargs=lambda w: {"listing_id": _listing(w)}
    ),
    "api/v1/providers/<listing_id>/approve": Rule(skip="JSON POST: " + _TESTS + "test_providers_api.py"),
    "api/v1/providers/<listing_id>/suspend": Rule(skip="JSON POST: " + _TESTS + "test_providers_api.py"),
    "api/v1/providers/<listing_id>/resume": Rule(skip="JSON POST: " + _TESTS + "test_providers_api.py"),
    "provision/material-notices/": Rule(allowed=_WORKERS),
    # An area's service circle: those who see the first community (issue 21, lianxin/provision/reach.py).
    "api/v1/reach/<area_id>": Rule(
        allowed=_SEE_COMMUNITY,
        scoped=ALL_ROLES - _SEE_COMMUNITY,
        kwargs=lambda w: {"area_id": w.world.communities[0].pk},
    ),
    # Windows over the API: as the windows page (no window exists in the matrix's world: those who may see
    # windows read one as absent; the rest get 403). Writes: lianxin/provision/tests/test_windows_api.py.
    "api/v1/windows/": Rule(allowed=_STAFF),
    "api/v1/windows/<window_id>": Rule(scoped=_STAFF, kwargs=lambda w: {"window_id": 999_999_999}),
    "api/v1/windows/<window_id>/duties": Rule(scoped=_STAFF, kwargs=lambda w: {"window_id": 999_999_999}),
    "api/v1/windows/<window_id>/walk-ins": Rule(scoped=_STAFF, kwargs=lambda w: {"window_id": 999_999_999}),
    "api/v1/material-notices/": Rule(allowed=ALL_ROLES),
    "api/v1/material-notices/<notice_id>": Rule(
        scoped=ALL_ROLES,
        # No notice exists in the matrix's world: every role reads it as absent.
        kwargs=lambda w: {"notice_id": 999_999_999},
    ),
}
