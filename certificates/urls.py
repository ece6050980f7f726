"""Public verification and the learner's downloads (inside i18n_patterns)."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/check-pdf/", views.check_pdf, name="check_pdf"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("certificates/<str:code>/download/", views.download, name="download"),
]
