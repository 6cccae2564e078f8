from django.urls import path

from lianxin.people import views, views_mydata

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("me/", views.me, name="me"),
    path("me/data/", views_mydata.my_data, name="my_data"),
    path("me/data/download/", views_mydata.my_data_download, name="my_data_download"),
    path("me/data/correct/", views_mydata.my_data_correct, name="my_data_correct"),
]
