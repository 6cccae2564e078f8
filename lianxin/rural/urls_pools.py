"""The pools part's pages."""

urlpatterns: list = []
