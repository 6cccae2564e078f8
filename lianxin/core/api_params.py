"""Unknown query parameters are refused, for the whole JSON API in one place.

A parameter the API does not know was silently ignored: ``GET /api/v1/figures/?reporter_group=…`` answered
the figures of every group, and the caller believed them filtered (issue 19). Each operation's query
parameters are read from the OpenAPI schema, the same list the documentation shows and schemathesis
checks; a request naming any other one gets a 400 in Chinese that names it and lists those accepted.
"""

import re
from functools import wraps

from django.utils.translation import gettext as _

from lianxin.core.api_errors import error_response

_PARAM = re.compile(r"<(?:[^>:]+:)?([^>]+)>")


def schema_path(route: str) -> str:
    """The OpenAPI path of a route under the API root: ``areas/<area_id>`` → ``/areas/{area_id}``."""
    return "/" + _PARAM.sub(r"{\1}", route)


def declared_query_params(api) -> dict[str, dict[str, frozenset[str]]]:
    """For each path of the schema and each of its methods, the query parameters it declares (computed once
    per API: the schema does not change while the process runs)."""
    cached = getattr(api, "_lianxin_query_params", None)
    if cached is None:
        cached = {}
        for path, operations in api.get_openapi_schema(path_prefix="")["paths"].items():
            cached[path] = {
                method.upper(): frozenset(
                    p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
                )
                for method, operation in operations.items()
            }
        api._lianxin_query_params = cached
    return cached


def unknown_query_response(names: list[str], known: frozenset[str]):
    listed = "、".join(names)
    if known:
        message = _("Unknown query parameter: %(names)s. This address takes: %(known)s.") % {
            "names": listed,
            "known": "、".join(sorted(known)),
        }
    else:
        message = _("Unknown query parameter: %(names)s. This address takes no query parameters.") % {
            "names": listed
        }
    return error_response(400, "unknown_parameter", message, {name: message for name in names})


def refuse_unknown_query(view, *, api, route: str):
    """``view`` answering a 400 when the query string names a parameter its operation does not declare."""
    path = schema_path(route)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        methods = declared_query_params(api).get(path, {})
        known = methods.get("GET" if request.method == "HEAD" else request.method)
        if known is not None:
            unknown = sorted(set(request.GET) - known)
            if unknown:
                return unknown_query_response(unknown, known)
        return view(request, *args, **kwargs)

    return wrapped
