"""The certificates' admin URLs (namespace ``certificates_admin``), mounted under
Wagtail's admin at ``certificate-actions/`` by ``certificates/wagtail_hooks.py``.
"""

from django.urls import path

from certificates.admin import certificate_views, queue_views, zip_stream

app_name = "certificates_admin"

urlpatterns = [
    path("queue/", queue_views.queue, name="queue"),
    path("queue/decide/", queue_views.decide, name="decide"),
    path("issue/<int:enrollment_id>/", queue_views.issue, name="issue"),
    path("zip/", zip_stream.download_zip, name="zip"),
    path("<int:pk>/", certificate_views.manage, name="manage"),
    path("<int:pk>/revoke/", certificate_views.revoke, name="revoke"),
    path("<int:pk>/reissue/", certificate_views.reissue, name="reissue"),
    path("<int:pk>/download/", certificate_views.download, name="download"),
]
