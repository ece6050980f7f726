"""Snippets shared by courses: topics (catalogue filter) and certificate signatories.

``certificates`` reads Signatory; it never writes it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from courses.forms import PuenteModelForm
from courses.panels import TranslatedFieldPanel


class Topic(index.Indexed, models.Model):
    """A subject a course covers; learners filter the catalogue by it."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Used in catalogue links, e.g. ?topic=interviewing. Never shown."),
    )

    panels = [TranslatedFieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name or self.slug


class Signatory(models.Model):
    """The person whose name and signature appear on a course's certificates."""

    name = models.CharField(
        _("name"),
        max_length=150,
        help_text=_("As it is printed on certificates; the same in both languages."),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Position and institution.")
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature on a transparent or white background."),
    )

    base_form_class = PuenteModelForm  # bad chosen ids: form errors
    panels = [
        FieldPanel("name"),
        TranslatedFieldPanel("title"),
        FieldPanel("signature"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return f"{self.name}, {self.title}" if self.title else self.name
