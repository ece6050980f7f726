"""What every course page shares: rich-text features and learner previews."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..blocks import SIMPLE_RICH_TEXT

__all__ = ["LEARNER_PREVIEW_MODES", "SIMPLE_RICH_TEXT", "LearnerPreviewMixin"]

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
