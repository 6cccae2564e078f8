"""The JSON API root (django-ninja) at /api/v1/. Each app adds its router here.

Every call is authenticated (a personal token, or the signed-in session for the pages' own calls), every
answer is scoped by ``restrict`` exactly as the pages are, and every error, including a path that matches
nothing and a method an endpoint does not take, has the one shape of ``lianxin.core.api_errors``.
"""

from functools import partial, wraps

from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, re_path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from lianxin.areas.api import estate as areas_api_estate  # noqa: F401 - adds PATCH areas/{id}/estate
from lianxin.areas.api import router as areas_router
from lianxin.areas.api.places import router as places_router
from lianxin.assessment.api import ROUTERS as assessment_routers
from lianxin.cases.api import categories_router
from lianxin.cases.api import router as cases_router
from lianxin.cases.care_api import care_visits_router
from lianxin.core.api_docs import OfflineSwagger, docs_asset
from lianxin.core.api_errors import error_handlers_install, error_response
from lianxin.core.api_idempotency import openapi_header_add, operation_idempotent
from lianxin.core.api_params import refuse_unknown_query
from lianxin.dashboard.api import router as practices_router
from lianxin.dashboard.api_bulletins import router as bulletins_router
from lianxin.dashboard.api_figures import router as figures_router
from lianxin.deliberation.api import ROUTERS as deliberation_routers
from lianxin.education.api import ROUTERS as education_routers
from lianxin.party.api import router as party_orgs_router
from lianxin.party.api.chains import (
    alliances_router,
    couriers_router,
    sectors_router,
    stages_router,
)
from lianxin.party.api.coverage import router as coverage_router
from lianxin.party.api.manage import (
    appointments_router,
    category_router,
    chains_router,
    member_posts_router,
    memberships_router,
    studios_router,
)
from lianxin.party.api.manage import (
    figures_router as territory_figures_router,
)
from lianxin.people.api import persons_router, posts_router
from lianxin.points.api import points_router, redemptions_router, rewards_router
from lianxin.provision.api import items_router as service_items_router
from lianxin.provision.api import notices_router as material_notices_router
from lianxin.provision.api import providers_router
from lianxin.provision.enterprise_api import enterprise_requests_router
from lianxin.provision.places_api import clusters_router, formats_router, matrix_router, rules_router
from lianxin.provision.reach_api import reach_router
from lianxin.provision.windows_api import windows_router
from lianxin.readiness.api import ROUTERS as readiness_routers
from lianxin.rural.api import ROUTERS as rural_routers
from lianxin.supervision.api import ROUTERS as supervision_routers
from lianxin.talent.api import ROUTERS as talent_routers
from lianxin.tokens import auth as token_auth
from lianxin.tokens.api import router as me_router
from lianxin.volunteering.api import (
    activities_router,
    agreements_router,
    callouts_router,
    pairings_router,
    registrations_router,
    sent_down_router,
    teams_router,
    unit_registrations_router,
)

DESCRIPTION = gettext_lazy(
    "The Lianxin JSON API. Authenticate with a personal API token (Authorization: Bearer <token>, created "
    "on the API tokens page) or, from Lianxin's own pages, with the signed-in session. Every answer holds "
    "only what the caller's posts let him see. Lists are paged with limit and cursor. Errors have one "
    'shape: {"error": {"code", "message", "fields"}}.'
)


def _json_not_allowed(view):
    """Ninja answers a method an endpoint does not take with a bare 405; give it the error shape."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = error_response(405, "method_not_allowed", _("This method is not allowed here."))
            response["Allow"] = allowed
        return response

    return wrapped


def api_index(request, api):
    if request.method not in ("GET", "HEAD"):
        response = error_response(405, "method_not_allowed", _("This method is not allowed here."))
        response["Allow"] = "GET"
        return response
    return JsonResponse(
        {
            "name": api.title,
            "version": api.version,
            "openapi": reverse(f"{api.urls_namespace}:openapi-json"),
            "docs": reverse(f"{api.urls_namespace}:openapi-view"),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    return error_response(
        404, "not_found", _("There is no such address in the API. See the API documentation.")
    )


class ChineseJSONRenderer(JSONRenderer):
    # Chinese as characters, not \uXXXX escapes: readable in curl, and half the bytes.
    json_dumps_params = {"ensure_ascii": False}


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }
    },
}


class LianxinAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Ninja's schema, with the one error shape as every operation's default answer: integrators see it
        in the docs, and schemathesis checks every error against it."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {
            "description": _("An error: a stable code, a message in Chinese and the fields refused."),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation.setdefault("responses", {}).setdefault("default", error)
        openapi_header_add(schema)
        return schema

    def _get_bound_routers(self):
        """Ninja's bound routers, each write operation taking ``Idempotency-Key`` (``core.api_idempotency``):
        here, where every router's operations are known, so that no endpoint can forget it."""
        routers = super()._get_bound_routers()
        for bound in routers:
            for path_view in bound.path_operations.values():
                for operation in path_view.operations:
                    operation_idempotent(operation)
        return routers

    def _get_urls(self):
        urls = []
        for pattern in super()._get_urls():
            if pattern.name == "api-root":
                # Ninja's root raises Http404, which Django answers with an HTML page.
                urls.append(path("", csrf_exempt(partial(api_index, api=self)), name="api-root"))
                continue
            view = refuse_unknown_query(pattern.callback, api=self, route=str(pattern.pattern))
            pattern.callback = _json_not_allowed(view)
            urls.append(pattern)
        urls.append(path("docs/assets/<str:name>", docs_asset, name="docs-asset"))
        # Last, so that it answers only what nothing above matched.
        urls.append(re_path(r"^.*$", api_not_found, name="not-found"))
        return urls


api = LianxinAPI(
    title="连心 Lianxin API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[token_auth.TokenAuth(), token_auth.SessionAuth()],
    docs=OfflineSwagger(),
    renderer=ChineseJSONRenderer(),
)
error_handlers_install(api)

api.add_router("/areas/", areas_router)
api.add_router("/persons/", persons_router)
api.add_router("/places/", places_router)
api.add_router("/party-orgs/", party_orgs_router)
api.add_router("/memberships/", memberships_router)
api.add_router("/industry-chains/", chains_router)
api.add_router("/member-posts/", member_posts_router)
api.add_router("/secretary-studios/", studios_router)
api.add_router("/staff-category-changes/", category_router)
api.add_router("/territory-figures/", territory_figures_router)
api.add_router("/coverage/", coverage_router)
api.add_router("/appointments/", appointments_router)
api.add_router("/sector-committees/", sectors_router)
api.add_router("/alliances/", alliances_router)
api.add_router("/courier-links/", couriers_router)
api.add_router("/membership-stages/", stages_router)
api.add_router("/posts/", posts_router)
api.add_router("/me", me_router)
api.add_router("/cases/", cases_router)
api.add_router("/care-visits/", care_visits_router)
api.add_router("/material-notices/", material_notices_router)
api.add_router("/windows/", windows_router)
api.add_router("/enterprise-requests/", enterprise_requests_router)
api.add_router("/reach/", reach_router)
api.add_router("/place-rules/", rules_router)
api.add_router("/place-formats/", formats_router)
api.add_router("/service-matrix/", matrix_router)
api.add_router("/clusters/", clusters_router)
api.add_router("/points/", points_router)
api.add_router("/rewards/", rewards_router)
api.add_router("/redemptions/", redemptions_router)
api.add_router("/categories/", categories_router)
api.add_router("/figures/", figures_router)
api.add_router("/service-items/", service_items_router)
api.add_router("/providers/", providers_router)
api.add_router("/practice-figures/", practices_router)
api.add_router("/registrations/", registrations_router)
api.add_router("/unit-registrations/", unit_registrations_router)
api.add_router("/teams/", teams_router)
api.add_router("/callouts/", callouts_router)
api.add_router("/pairings/", pairings_router)
api.add_router("/co-building/", agreements_router)
api.add_router("/sent-down/", sent_down_router)
api.add_router("/activities/", activities_router)
api.add_router("/bulletins/", bulletins_router)
# Issue 22's and 23's apps list their routers themselves: (prefix, router) pairs in <app>/api/__init__.py.
for _app_routers in (
    deliberation_routers,
    assessment_routers,
    supervision_routers,
    readiness_routers,
    education_routers,
    rural_routers,
    talent_routers,
):
    for _prefix, _router in _app_routers:
        api.add_router(_prefix, _router)
