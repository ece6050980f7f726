import mimetypes

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Lesson videos and their captions are Wagtail documents; some systems'
        # mimetypes tables lack these, and browsers need the right Content-Type.
        mimetypes.add_type("video/webm", ".webm")
        mimetypes.add_type("text/vtt", ".vtt")
