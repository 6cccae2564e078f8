"""The reserves part's pages."""

urlpatterns: list = []
