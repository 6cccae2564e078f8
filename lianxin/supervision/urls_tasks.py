"""The tasks part's pages (included by urls.py, namespace supervision)."""

urlpatterns: list = []
