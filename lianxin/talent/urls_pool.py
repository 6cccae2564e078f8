"""The pool part's pages."""

urlpatterns: list = []
