"""The person's own data: download it, delete the account (under /<lang>/accounts/)."""

from django.urls import path

from lms.accounts import views

urlpatterns = [
    # allauth's sign-up, limited on refused attempts (before allauth.urls in lms.urls).
    path("signup/", views.SignupView.as_view(), name="account_signup"),
    path("data/", views.your_data, name="account_data"),
    path(
        "data/download/<str:data_format>/",
        views.download_data,
        name="account_data_download",
    ),
    path("delete/", views.delete_account_view, name="account_delete"),
    path("deleted/", views.account_deleted, name="account_deleted"),
]
