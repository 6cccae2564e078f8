from django.contrib import admin
from django.urls import include, path

from lianxin.api import api
from lianxin.core import views as core_views
from lianxin.security.urls import account_urlpatterns

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("media/<path:name>", core_views.media, name="media"),
    path("accounts/", include("lianxin.people.urls")),
    path("accounts/tokens/", include("lianxin.tokens.urls")),
    path("accounts/", include(account_urlpatterns)),
    path("security/", include("lianxin.security.urls")),
    path("audit/", include("lianxin.audit.urls")),
    path("areas/", include("lianxin.areas.urls")),
    path("people/", include("lianxin.people.urls_pages")),
    path("party/", include("lianxin.party.urls")),
    path("coverage/", include("lianxin.party.urls_coverage")),
    path("imports/", include("lianxin.imports.urls")),
    path("cases/", include("lianxin.cases.urls")),
    path("points/", include("lianxin.points.urls")),
    path("provision/", include("lianxin.provision.urls")),
    path("dashboard/", include("lianxin.dashboard.urls")),
    path("inbox/", include("lianxin.notifications.urls")),
    path("volunteering/", include("lianxin.volunteering.urls")),
    path("deliberation/", include("lianxin.deliberation.urls")),
    path("assessment/", include("lianxin.assessment.urls")),
    path("supervision/", include("lianxin.supervision.urls")),
    path("readiness/", include("lianxin.readiness.urls")),
    path("education/", include("lianxin.education.urls")),
    path("rural/", include("lianxin.rural.urls")),
    path("talent/", include("lianxin.talent.urls")),
    path("api/v1/", api.urls),
    path("open311/", include("lianxin.open311.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "lianxin.core.errors.bad_request"
handler403 = "lianxin.core.errors.permission_denied"
handler404 = "lianxin.core.errors.page_not_found"
handler500 = "lianxin.core.errors.server_error"
