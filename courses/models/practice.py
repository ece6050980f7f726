"""Interview practice: a case and a branching conversation, beside a module's lessons.

The page holds the case and the completion rule; nodes (what the young person says)
and their options (the learner's possible moves) are ordered child models, so each
has one id and one key whatever language is read. Kinds, feedback and targets are
read by lms through ``courses.services.get_practice_graph`` and never reach a
learner's page before the move is made. The rules: ``courses.practice``.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.models.base import SIMPLE_RICH_TEXT, LearnerPreviewMixin
from courses.models.lesson import CourseItemMixin
from courses.panels import (
    TranslatedFieldPanel,
    translated_promote_panels,
    translated_title_panels,
)
from courses.practice import KEY_PATTERN, MoveKind
from courses.practice_forms import InterviewPracticePageForm
from courses.practice_panels import PracticeOutlinePanel
from courses.serving import CachedViewRestrictionsMixin

KEY_MESSAGE = _("Use lower-case letters, digits and hyphens, e.g. n1 or end-handover.")
key_validator = RegexValidator(KEY_PATTERN, KEY_MESSAGE)


class InterviewPracticePage(
    CachedViewRestrictionsMixin, CourseItemMixin, LearnerPreviewMixin, Page
):
    """A branching interview simulation: the learner picks or types each move."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences."))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=15,
        help_text=_("About how long one round takes; counted in the course's hours."),
    )
    objective_keys = models.CharField(
        _("module objectives practised"),
        max_length=200,
        blank=True,
        help_text=_("Keys of the module's objectives, separated by commas."),
    )
    case_setting = RichTextField(
        _("setting"),
        features=SIMPLE_RICH_TEXT,
        help_text=_("Where and how the officer meets the young person."),
    )
    case_young_person = models.TextField(
        _("the young person"),
        help_text=_(
            "A fictional first name, how they look and act; no graphic detail."
        ),
    )
    case_age = models.PositiveSmallIntegerField(
        _("age"), validators=[MinValueValidator(1), MaxValueValidator(21)]
    )
    case_language = models.CharField(
        _("language"),
        max_length=200,
        help_text=_(
            "The languages the young person speaks, e.g. “Spanish; some English”."
        ),
    )
    case_known = RichTextField(
        _("what is known"),
        features=SIMPLE_RICH_TEXT,
        help_text=_("What the officer knows before starting."),
    )
    case_safety = RichTextField(
        _("safety context"),
        features=SIMPLE_RICH_TEXT,
        help_text=_("Who else is there, the risks, what must not happen."),
    )
    start_key = models.CharField(
        _("start node"),
        max_length=40,
        default="n1",
        validators=[key_validator],
        help_text=_("The key of the node the conversation starts at."),
    )
    min_recommended_percent = models.PositiveSmallIntegerField(
        _("recommended moves needed (%)"),
        default=70,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "A round counts toward the course when at least this share of its moves "
            "is recommended."
        ),
    )
    allow_harmful = models.BooleanField(
        _("a round with a harmful move may count"),
        default=False,
    )
    required_for_completion = models.BooleanField(
        _("required to complete the course"), default=True
    )

    content_panels = [
        *translated_title_panels(),
        TranslatedFieldPanel("summary"),
        FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("objective_keys")]),
        MultiFieldPanel(
            [
                TranslatedFieldPanel("case_setting"),
                TranslatedFieldPanel("case_young_person"),
                FieldPanel("case_age"),
                TranslatedFieldPanel("case_language"),
                TranslatedFieldPanel("case_known"),
                TranslatedFieldPanel("case_safety"),
            ],
            heading=_("The case"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("min_recommended_percent"), FieldPanel("allow_harmful")]
                ),
                FieldPanel("required_for_completion"),
            ],
            heading=_("Completion rule"),
        ),
    ]
    conversation_panels = [
        FieldPanel("start_key"),
        InlinePanel("nodes", heading=_("Nodes"), label=_("Node")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(conversation_panels, heading=_("Conversation")),
            ObjectList([PracticeOutlinePanel()], heading=_("Outline (read-only)")),
            ObjectList(translated_promote_panels(), heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = InterviewPracticePageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("case_setting"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    template = "courses/interview_practice_page.html"

    class Meta:
        verbose_name = _("interview practice")
        verbose_name_plural = _("interview practices")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Editors previewing see the first node as a learner will (its words and
        # the options' texts, never kinds or feedback); learners start a round.
        if getattr(request, "is_preview", False):
            context["preview_node"] = next(
                (n for n in self.nodes.all() if n.key == self.start_key), None
            )
        return context


class PracticeNode(ClusterableModel, Orderable):
    """A point of the conversation: what the young person says, and either the
    learner's options or, at an ending, the debrief."""

    page = ParentalKey(
        InterviewPracticePage, on_delete=models.CASCADE, related_name="nodes"
    )
    key = models.CharField(
        _("key"),
        max_length=40,
        validators=[key_validator],
        help_text=_("A short id that options name as where they lead, e.g. n2."),
    )
    says = models.TextField(_("the young person says"), blank=True)
    context = models.TextField(
        _("stage direction"),
        blank=True,
        help_text=_("Optional: body language, who else is there."),
    )
    is_ending = models.BooleanField(_("ending"), default=False)
    debrief = RichTextField(
        _("debrief"),
        features=SIMPLE_RICH_TEXT,
        blank=True,
        help_text=_(
            "Endings only: what a forensic interviewer would now need, and when to "
            "stop and hand over."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("is_ending")]),
        TranslatedFieldPanel("says"),
        TranslatedFieldPanel("context"),
        TranslatedFieldPanel("debrief"),
        InlinePanel("options", heading=_("Options"), label=_("Option"), max_num=5),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("node")
        verbose_name_plural = _("nodes")

    def __str__(self):
        return self.key


class PracticeOption(Orderable):
    """One move the learner can make at a node: its kind, coaching and target."""

    node = ParentalKey(PracticeNode, on_delete=models.CASCADE, related_name="options")
    text = models.TextField(_("what the officer says"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=MoveKind.choices, blank=True
    )
    appropriate = models.BooleanField(
        _("appropriate here"),
        default=False,
        help_text=_(
            "Directive questions only: tick when this wh- question is a good move "
            "at this point (it then counts as recommended)."
        ),
    )
    feedback = models.TextField(_("coaching feedback"), blank=True)
    next_key = models.CharField(
        _("leads to"),
        max_length=40,
        blank=True,
        help_text=_("The key of the node this move leads to."),
    )

    panels = [
        TranslatedFieldPanel("text"),
        FieldRowPanel(
            [FieldPanel("kind"), FieldPanel("appropriate"), FieldPanel("next_key")]
        ),
        TranslatedFieldPanel("feedback"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.text
