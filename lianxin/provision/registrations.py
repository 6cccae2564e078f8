"""What the provision app plugs into the platform, from its AppConfig.ready(): audit, figures, the case
loop's router and listener, the workbench panel, menu entries."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from lianxin.audit.registry import audit_register
    from lianxin.cases.kinds import RESIDENTS, kind_extend
    from lianxin.cases.models import Kind
    from lianxin.core.navigation import NavItem, nav_register
    from lianxin.provision import figures, import_specs, payment, permissions, routing, workbench
    from lianxin.provision.models import (
        ListingArea,
        MaterialNotice,
        PlaceFormat,
        PlaceRule,
        ProviderListing,
        ServiceItem,
        ServiceWindow,
        WalkIn,
        WindowDuty,
    )

    audit_register(ServiceItem)
    audit_register(ProviderListing)
    audit_register(ListingArea)
    audit_register(MaterialNotice)
    audit_register(ServiceWindow)
    audit_register(WindowDuty)
    audit_register(WalkIn)
    audit_register(PlaceRule)
    audit_register(PlaceFormat)
    # Residents order services themselves (居民点单, P001-61, P004-23): through the report page, their phone
    # page and POST /api/v1/cases/, like a problem; the engine reads who files a kind from this registry.
    kind_extend(Kind.SERVICE_ORDER, filed_by=RESIDENTS, resident_page=True, report_page=True)
    figures.register()
    routing.register()
    payment.register()
    import_specs.register()
    workbench.register()

    nav_register(
        NavItem(
            "service_catalogue",
            _("Service catalogue"),
            "provision:catalogue",
            "work",
            icon="list",
            order=250,
            visible=permissions.sees_catalogue,
        )
    )
    nav_register(
        NavItem(
            "providers",
            _("Service providers"),
            "provision:providers",
            "work",
            icon="list",
            order=252,
            visible=permissions.sees_providers,
        )
    )
    nav_register(
        NavItem(
            "material_notices",
            _("One-time notification"),
            "provision:notices",
            "work",
            icon="list",
            order=254,
            visible=permissions.has_post,
        )
    )
    nav_register(
        NavItem(
            "service_windows",
            _("Windows and walk-ins"),
            "provision:windows",
            "work",
            icon="list",
            order=255,
            visible=permissions.sees_windows,
        )
    )
    # The 1+N+X matrix, clusters, complexes' formats and the service circle (one entry; the page links on).
    nav_register(
        NavItem(
            "service_matrix",
            _("Service matrix and circle"),
            "provision:matrix",
            "work",
            icon="list",
            order=256,
            visible=permissions.is_staff,
        )
    )
    # An enterprise's contacts submit its requests to the chain service teams (P000-62).
    nav_register(
        NavItem(
            "enterprise_services",
            _("Enterprise services"),
            "provision:enterprise_services",
            "work",
            icon="list",
            order=33,
            visible=_is_enterprise_contact,
        )
    )
    # Every person orders services for himself (居民点单), staff included.
    for key, label, url_name, order in (
        ("services", _("Services"), "provision:services", 30),
        ("my_orders", _("My orders"), "provision:orders_mine", 31),
        ("my_centre", _("My service centre"), "provision:my_circle", 32),
    ):
        nav_register(NavItem(key, label, url_name, "work", icon="list", order=order, visible=_has_person))


def _has_person(user) -> bool:
    return bool(getattr(user, "person_id", None))


def _is_enterprise_contact(user) -> bool:
    from lianxin.provision.services.enterprise import enterprises_of

    return bool(getattr(user, "person_id", None)) and enterprises_of(user).exists()
