"""The scoring part's pages (included by urls.py, namespace assessment)."""

urlpatterns: list = []
