"""The credential documents' URLs (namespace ``credentials``), outside the language
prefixes so credentials, once signed, always point at the same addresses. Included
by ``lms/urls.py``."""

from django.urls import path

from certificates.credentials import views
from lms import converters  # noqa: F401  (registers <pk:...>: at most 18 digits)

app_name = "credentials"

urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("issuer/", views.issuer, name="issuer"),
    path("issuer/keys/<str:kid>", views.key, name="key"),
    path("issuer/status/<pk:number>", views.status_list, name="status_list"),
    path("issuer/achievements/<pk:course_id>", views.achievement, name="achievement"),
]
