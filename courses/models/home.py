"""The site's front page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.forms import PuentePageForm
from courses.models.base import SIMPLE_RICH_TEXT, PublicPageCacheMixin
from courses.panels import (
    TranslatedFieldPanel,
    translated_promote_panels,
    translated_title_panels,
)
from courses.serving import CachedViewRestrictionsMixin


class HomePage(CachedViewRestrictionsMixin, PublicPageCacheMixin, Page):
    """The site's front page: what Puente is, in both languages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=SIMPLE_RICH_TEXT)

    content_panels = [
        *translated_title_panels(),
        TranslatedFieldPanel("intro"),
        TranslatedFieldPanel("body"),
    ]
    promote_panels = translated_promote_panels()
    base_form_class = PuentePageForm
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
