"""The land part's pages."""

urlpatterns: list = []
