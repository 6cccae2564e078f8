"""The clusters part's pages."""

urlpatterns: list = []
