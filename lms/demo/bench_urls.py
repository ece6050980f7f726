"""URLs for ``lms.settings.bench`` only: the site's own URLs plus a plain view.

``/bench/ok`` is the benchmark's ceiling: the cheapest response Django can give
through the full middleware stack, next to which every page is measured.
"""

from django.http import HttpResponse
from django.urls import path

from lms.urls import handler400, handler429  # noqa: F401 (Django reads them here)
from lms.urls import urlpatterns as site_urlpatterns


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ok", ok, name="bench_ok"), *site_urlpatterns]
