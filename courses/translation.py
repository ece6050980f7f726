"""Per-field translations (``_en`` / ``_es``) of everything a person reads."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import HomePage


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body")
