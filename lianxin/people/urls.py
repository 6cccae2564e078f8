from django.urls import path

from lianxin.people.views import auth, mydata

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("me/", auth.me, name="me"),
    path("me/data/", mydata.my_data, name="my_data"),
    path("me/data/download/", mydata.my_data_download, name="my_data_download"),
    path("me/data/correct/", mydata.my_data_correct, name="my_data_correct"),
]
