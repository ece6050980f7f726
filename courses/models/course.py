"""The catalogue and the course page, with its settings and certificate settings.

The catalogue reads its own courses (``CourseIndexPage.get_catalogue``, as
bakerydemo's index pages do); the course page's outline comes from
``courses.outline`` and its Spanish check from ``courses.completeness``, both of
which sit below the models and never import them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import ObjectivesBlock
from courses.completeness import spanish_completeness_error
from courses.forms import CatalogueFilterForm, CoursePageForm, PuentePageForm
from courses.models.base import (
    SIMPLE_RICH_TEXT,
    LearnerPreviewMixin,
    PublicPageCacheMixin,
)
from courses.models.snippets import Topic
from courses.outline import get_course_outline
from courses.panels import (
    HoursEstimatePanel,
    TranslatedFieldPanel,
    translated_promote_panels,
    translated_title_panels,
)
from courses.serving import CachedViewRestrictionsMixin

CARD_IMAGE_SPEC = "fill-640x360|format-webp"


@dataclass
class Catalogue:
    form: CatalogueFilterForm
    courses: list[CoursePage]
    is_filtered: bool


class CourseIndexPage(
    CachedViewRestrictionsMixin, PublicPageCacheMixin, LearnerPreviewMixin, Page
):
    """The catalogue: every published course, filtered by language and topic."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*translated_title_panels(), TranslatedFieldPanel("intro")]
    promote_panels = translated_promote_panels()
    base_form_class = PuentePageForm
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    template = "courses/course_index_page.html"
    # The admin lists children as learners meet them, not newest first.
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = self.get_catalogue(request.GET)
        return context

    def get_catalogue(self, params) -> Catalogue:
        """Live courses of the catalogue, filtered by language, topic and search."""
        topics = sorted(Topic.objects.all(), key=lambda topic: str(topic).casefold())
        form = CatalogueFilterForm(params or None, topics=topics)
        courses = CoursePage.objects.live().child_of(self)
        filters = form.cleaned_data if form.is_valid() else {}
        if filters.get("language"):
            courses = courses.filter(languages__contains=filters["language"])
        if filters.get("topic"):
            courses = courses.filter(topics__slug=filters["topic"])
        if filters.get("q"):
            matching = CoursePage.objects.live().child_of(self).search(filters["q"])
            courses = courses.filter(pk__in=[course.pk for course in matching])
        renditions = get_image_model().objects.prefetch_renditions(CARD_IMAGE_SPEC)
        courses = courses.select_related("card_image").prefetch_related(
            Prefetch("card_image", queryset=renditions),
            Prefetch("topics", queryset=Topic.objects.all()),
        )
        return Catalogue(
            form=form,
            courses=list(courses.order_by("path").distinct()),
            is_filtered=any(filters.values()),
        )

    def is_publicly_cacheable(self, request, response) -> bool:
        """Unfiltered, or filtered by a known language/topic without search terms."""
        if not request.GET:
            return True
        catalogue = (getattr(response, "context_data", None) or {}).get("catalogue")
        if catalogue is None or not catalogue.form.is_valid():
            return False
        return not catalogue.form.cleaned_data.get("q")


class CertificateIssueMode(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatically when the course is completed")
    APPROVAL = "approval", _("After a program administrator approves")


class CoursePage(
    CachedViewRestrictionsMixin, PublicPageCacheMixin, LearnerPreviewMixin, Page
):
    """A course: what a learner enrolls in, completes and is certified for."""

    import_key = models.CharField(
        _("import key"),
        max_length=80,
        blank=True,
        default="",
        help_text=_("Stable id of a course loaded from fixtures; empty otherwise."),
    )
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences for the catalogue card.")
    )
    description = RichTextField(_("description"), features=SIMPLE_RICH_TEXT)
    objectives = StreamField(
        ObjectivesBlock(),
        verbose_name=_("learning objectives"),
        blank=True,
        help_text=_("“By the end of this course you will be able to …”"),
    )
    audience = models.TextField(_("audience"), blank=True)
    content_note = RichTextField(
        _("content note"),
        features=SIMPLE_RICH_TEXT,
        blank=True,
        help_text=_(
            "Shown before a learner starts: what distressing subject matter the "
            "course deals with and how to look after oneself."
        ),
    )
    credit_hours = models.DecimalField(
        _("credit hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    topics = ParentalManyToManyField(
        "courses.Topic", verbose_name=_("topics"), blank=True, related_name="courses"
    )
    languages = models.CharField(
        _("languages offered"),
        max_length=20,
        default="en",
        help_text=_(
            "Spanish can be offered only when every page of the course is complete "
            "in Spanish."
        ),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisite courses"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
    )
    enrollment_open = models.BooleanField(_("enrollment open"), default=True)
    card_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("card image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_issue_mode = models.CharField(
        _("certificate issue mode"),
        max_length=20,
        choices=CertificateIssueMode.choices,
        default=CertificateIssueMode.AUTOMATIC,
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for certificates that do not expire."),
    )
    certificate_wording = models.TextField(
        _("certificate wording"),
        blank=True,
        help_text=_(
            "Printed after the learner's name, e.g. “has completed the course …”."
        ),
    )
    signatory = models.ForeignKey(
        "courses.Signatory",
        verbose_name=_("signatory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )

    content_panels = [
        *translated_title_panels(),
        TranslatedFieldPanel("summary"),
        FieldPanel("card_image"),
        TranslatedFieldPanel("description"),
        TranslatedFieldPanel("objectives"),
        TranslatedFieldPanel("audience"),
        TranslatedFieldPanel("content_note"),
    ]
    course_panels = [
        FieldRowPanel([FieldPanel("credit_hours"), FieldPanel("enrollment_open")]),
        HoursEstimatePanel(),
        FieldPanel("languages"),
        FieldPanel("topics"),
        FieldPanel("prerequisites"),
    ]
    certificate_panels = [
        MultiFieldPanel(
            [
                FieldPanel("certificate_issue_mode"),
                FieldPanel("certificate_validity_months"),
                FieldPanel("signatory"),
            ],
            heading=_("Issuing"),
        ),
        TranslatedFieldPanel("certificate_wording"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(course_panels, heading=_("Course settings")),
            ObjectList(certificate_panels, heading=_("Certificate")),
            ObjectList(translated_promote_panels(), heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = CoursePageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("audience"),
        index.FilterField("languages"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    exclude_fields_in_copy = ["import_key"]
    admin_default_ordering = "ord"  # modules in course order
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")
        constraints = [
            models.UniqueConstraint(
                fields=["import_key"],
                condition=~models.Q(import_key=""),
                name="courses_coursepage_unique_import_key",
            )
        ]

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    def offers_language(self, code: str) -> bool:
        return code in self.language_codes

    @property
    def offered_in_current_language(self) -> bool:
        return self.offers_language(translation.get_language() or "")

    def live_prerequisites(self) -> list[CoursePage]:
        # A list, not a queryset: in previews the relation is held in memory.
        return [course for course in self.prerequisites.all() if course.live]

    @cached_property
    def language_names(self) -> list[str]:
        names = dict(settings.LANGUAGES)
        return [str(names[code]) for code in self.language_codes if code in names]

    def clean(self):
        super().clean()
        unknown = set(self.language_codes) - {code for code, _n in settings.LANGUAGES}
        if unknown or not self.language_codes:
            raise ValidationError(
                {"languages": _("Choose at least one of the site's languages.")}
            )
        if self.offers_language("es"):
            error = spanish_completeness_error(self)
            if error:
                raise ValidationError({"languages": error})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self
        context["outline"] = get_course_outline(self)
        return context
