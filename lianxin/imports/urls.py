from django.urls import path

from lianxin.imports import views

# Flat names (no namespace): the shell marks the current page by the bare url_name.
urlpatterns = [
    path("", views.index, name="imports"),
    path("templates/<slug:kind>.xlsx", views.template, name="imports_template"),
    path("upload/", views.upload, name="imports_upload"),
    path("batches/<int:pk>/", views.batch, name="imports_batch"),
    path("batches/<int:pk>/confirm/", views.confirm, name="imports_confirm"),
    path("export/<slug:kind>.xlsx", views.export, name="imports_export"),
]
