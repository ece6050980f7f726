"""The programme-wide certificate settings (Wagtail site settings): logo, paper,
letterhead and seal. Saving drops what the PDFs and issuing keep in the cache."""

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from courses.forms import PuenteModelForm

LETTERHEAD_CACHE_KEY = "puente:certificates:letterhead"
# The logo's snapshot id for new certificates (certificates.services.issuing).
LOGO_SNAPSHOT_CACHE_KEY = "puente:certificates:logo-snapshot"


@register_setting(icon="doc-full")
class CertificateSettings(BaseGenericSetting):
    base_form_class = PuenteModelForm  # bad chosen ids: form errors (courses.forms)

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("programme logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Printed at the top of every new certificate."),
    )
    programme_name_en = models.CharField(
        _("programme name (English)"),
        max_length=120,
        blank=True,
        default="",
        db_default="",
    )
    programme_name_es = models.CharField(
        _("programme name (Spanish)"),
        max_length=120,
        blank=True,
        default="",
        db_default="",
    )
    letterhead_line_en = models.CharField(
        _("letterhead line (English)"),
        max_length=160,
        blank=True,
        default="",
        db_default="",
    )
    letterhead_line_es = models.CharField(
        _("letterhead line (Spanish)"),
        max_length=160,
        blank=True,
        default="",
        db_default="",
    )
    seal = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("seal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Printed at the foot of certificates. Leave empty for a seal drawn "
            "with the programme name."
        ),
    )

    panels = [
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("programme_name_en"), FieldPanel("programme_name_es")]
                ),
                FieldRowPanel(
                    [FieldPanel("letterhead_line_en"), FieldPanel("letterhead_line_es")]
                ),
            ],
            heading=_("Letterhead"),
            help_text=_(
                "Printed at the top of certificates and transcripts: the programme "
                "name, and under it a line such as the department or unit. Without "
                "a name they print “Puente”."
            ),
        ),
        FieldPanel("seal"),
    ]

    class Meta:
        verbose_name = _("certificate settings")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The PDFs keep the letterhead in the cache (certificates.pdf.letterhead),
        # and issuing the logo's snapshot.
        cache.delete_many([LETTERHEAD_CACHE_KEY, LOGO_SNAPSHOT_CACHE_KEY])
