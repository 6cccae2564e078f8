"""The coops part's pages."""

urlpatterns: list = []
