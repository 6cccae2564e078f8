"""The industry part's pages."""

urlpatterns: list = []
