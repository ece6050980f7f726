"""What course pages share: rich-text features, learner previews, public caching."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from courses.blocks import SIMPLE_RICH_TEXT
from courses.cache import mark_public

__all__ = [
    "LEARNER_PREVIEW_MODES",
    "SIMPLE_RICH_TEXT",
    "LearnerPreviewMixin",
    "PublicPageCacheMixin",
]

LEARNER_PREVIEW_MODES = [
    ("en", _("Learner (English)")),
    ("es", _("Learner (Español)")),
]


class LearnerPreviewMixin:
    """Preview a page as a learner reads it, in either language.

    The preview mode's name is the language code; the page renders with that
    language active, so translated fields and interface strings both follow it.
    """

    @property
    def preview_modes(self):
        return LEARNER_PREVIEW_MODES

    def serve_preview(self, request, mode_name):
        languages = {code for code, _name in settings.LANGUAGES}
        language = mode_name if mode_name in languages else settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, mode_name)
            # A TemplateResponse renders lazily: render while the language is active.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response


class PublicPageCacheMixin:
    """A page whose anonymous rendering is the same for every visitor.

    Its live responses may be stored by ``courses.cache`` (the middleware still
    refuses anything carrying one visitor's data). Previews never pass through
    ``serve``, so drafts are never stored.
    """

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.is_publicly_cacheable(request, response):
            mark_public(response)
        return response

    def is_publicly_cacheable(self, request, response) -> bool:
        return not request.GET
