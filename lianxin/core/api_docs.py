"""The interactive API docs (Swagger UI), served from the files django-ninja ships, never from a CDN.

Ninja renders its CDN page unless "ninja" is an installed app; the platform must work with no outside
address (county networks are often closed), so the page here is always the local one and its three files
are served from ninja's package directory by ``docs_asset``.
"""

import json
import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from ninja.openapi.docs import Swagger

ASSET_DIR = Path(ninja.__file__).parent / "static" / "ninja"
# What the page needs, by the name its template uses.
ASSETS = {
    "css": "swagger-ui.css",
    "bundle": "swagger-ui-bundle.js",
    "init": "swagger-ui-init.js",
    "icon": "favicon.svg",
}


class OfflineSwagger(Swagger):
    template = "tokens/api_docs.html"

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            # Escaped so that nothing in the settings can close the <script> data block it sits in.
            "swagger_settings": json.dumps(self.settings).replace("<", "\\u003c"),
            "api": api,
            # Calls made from the page ride on the session, which needs the CSRF token on unsafe methods.
            "add_csrf": True,
            "assets": {
                key: reverse(f"{api.urls_namespace}:docs-asset", kwargs={"name": name})
                for key, name in ASSETS.items()
            },
        }
        return render(request, self.template, context)


def docs_asset(request, name: str):
    if name not in ASSETS.values():
        raise Http404
    path = ASSET_DIR / name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(path.open("rb"), content_type=content_type)
    patch_cache_control(response, public=True, max_age=86400)
    return response
