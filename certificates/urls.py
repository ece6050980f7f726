"""The certificates' public URLs (namespace ``certificates``): verification, the
learner's downloads and transcript. Included by ``lms/urls.py`` inside
``i18n_patterns``."""

from django.urls import path

from certificates import credential_views, transcript_views, views

app_name = "certificates"

urlpatterns = [
    path("verify/check-pdf/", views.check_pdf, name="check_pdf"),
    path(
        "verify/credential/",
        credential_views.verify_credential,
        name="verify_credential",
    ),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("certificates/<str:code>/download/", views.download, name="download"),
    path(
        "certificates/<str:code>/credential/",
        credential_views.download_credential,
        name="download_credential",
    ),
    path("transcript/", transcript_views.transcript, name="transcript"),
    path("transcript/pdf/", transcript_views.transcript_pdf, name="transcript_pdf"),
]
