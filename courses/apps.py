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

        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from courses import richtext_forms
        from courses.models import HomePage
        from courses.serving import install_cached_route
        from courses.signals import forget_public_pages, forget_public_pages_on_change

        # Rich text and StreamFields in admin forms: bad values are form errors.
        richtext_forms.install()

        # Every page URL is routed from the home page (the site's root).
        install_cached_route(HomePage)

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_public_pages)
        post_save.connect(forget_public_pages_on_change, dispatch_uid="public-save")
        post_delete.connect(forget_public_pages_on_change, dispatch_uid="public-del")
