"""URL configuration: with the templates, the only place that composes all apps."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.accounts import views as account_views
from lms.learning.views import dashboard
from lms.ops.health import healthz


def _superusers_only(request):
    return request.user.is_active and request.user.is_superuser


# allauth's rate limits render this (translated, in the site's layout).
handler429 = "lms.accounts.views.too_many_requests"
# Bad Host headers and requests past the size limits (translated, says why).
handler400 = "lms.error_pages.bad_request"
# A lost database or refused media write is a 503 in the person's language.
handler500 = "lms.ops.unavailable.server_error"

# The Django admin is for superusers only; its login is allauth's.
admin.site.has_permission = _superusers_only
admin.site.login = RedirectView.as_view(pattern_name="account_login", query_string=True)

urlpatterns = [
    # Probed by load balancers; outside i18n_patterns so it never redirects.
    path("healthz", healthz, name="healthz"),
    # Wagtail's own login form would bypass allauth's rate limits and MFA.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    # Signed-credential documents (keys, status lists): the same URL in every language.
    path("", include("certificates.credentials.urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/profile/", account_views.ProfileView.as_view(), name="profile"),
    path("accounts/", include("lms.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", dashboard, name="dashboard"),
    path("learn/", include("lms.learning.urls")),
    path("learn/", include("lms.practice.urls")),
    path("", include("certificates.urls")),
    # Wagtail's page URLs, served with cached site/route look-ups (courses.serving).
    path("", include("courses.urls")),
    prefix_default_language=True,
)

if settings.DEBUG and settings.MEDIA_URL.startswith("/"):
    # Development serves only the media folders anyone may read (image renditions),
    # as the front web server does in production: documents and certificate files
    # reach people only through their views, which check who asks (docs/security.md).
    import re
    from pathlib import Path

    from django.urls import re_path
    from django.views.static import serve

    _media = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns = [
        re_path(
            rf"^{_media}{re.escape(folder)}/(?P<path>.+)$",
            serve,
            {"document_root": Path(settings.MEDIA_ROOT) / folder},
        )
        for folder in settings.PUENTE_PUBLIC_MEDIA_DIRS
    ] + urlpatterns
