"""The project's URLs with the tokens page mounted, for as long as the project URLconf does not include it."""

from django.urls import include, path

from lianxin.urls import handler400, handler403, handler404, handler500  # noqa: F401
from lianxin.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("tokens/", include("lianxin.tokens.urls")), *project_urlpatterns]
