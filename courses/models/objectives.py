"""Module objectives: what a learner can be seen doing after a module.

Each has a key, the same in both languages, that quiz questions name when they assess
it (``Question.objective_keys``) and that names the course objectives it serves;
``courses.objectives`` checks the coverage. Ordered child rows of ModulePage.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from courses.blocks import OBJECTIVE_KEY, OBJECTIVE_KEY_MESSAGE
from courses.panels import TranslatedFieldPanel


class ModuleObjective(Orderable):
    module = ParentalKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="objectives"
    )
    key = models.CharField(
        _("key"),
        max_length=40,
        validators=[RegexValidator(OBJECTIVE_KEY, OBJECTIVE_KEY_MESSAGE)],
        help_text=_("A short id that quiz questions name, e.g. vc-m1-1."),
    )
    text = models.CharField(
        _("objective"),
        max_length=400,
        help_text=_("Starts with a verb a person can be seen doing: identify, choose…"),
    )
    course_objectives = models.CharField(
        _("course objectives served"),
        max_length=200,
        blank=True,
        help_text=_("Keys of the course's objectives, separated by commas."),
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("course_objectives")]),
        TranslatedFieldPanel("text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("module objective")
        verbose_name_plural = _("module objectives")

    def __str__(self):
        return self.text
