"""StreamField blocks of lessons and course pages.

Each language has its own stream (``body_en`` / ``body_es``), so every text in a
block, alt text and captions included, is written once per language. Templates
live in templates/courses/blocks/ and need no JavaScript.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# The only rich-text features authors get: no headings, images or embeds inside text.
SIMPLE_RICH_TEXT = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("2", _("Section")), ("3", _("Subsection"))],
        default="2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", SIMPLE_RICH_TEXT)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "courses/blocks/paragraph.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("alternative text"),
        max_length=400,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=300, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class CaptionTrackBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(label=_("language"), choices=settings.LANGUAGES)
    file = DocumentChooserBlock(
        label=_("WebVTT file"), help_text=_("A .vtt captions file.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Captions")


class VideoBlock(blocks.StructBlock):
    """A video file uploaded to this site (never an outside embed), with captions."""

    video = DocumentChooserBlock(
        label=_("video file"), help_text=_("A WebM or MP4 file, ideally under 5 MB.")
    )
    title = blocks.CharBlock(label=_("title"), max_length=200)
    poster = ImageChooserBlock(label=_("poster image"), required=False)
    captions = blocks.ListBlock(
        CaptionTrackBlock(), label=_("captions"), min_num=1, collapsed=True
    )
    transcript = blocks.RichTextBlock(label=_("transcript"), features=SIMPLE_RICH_TEXT)
    duration_seconds = blocks.IntegerBlock(
        label=_("duration (seconds)"),
        required=False,
        min_value=0,
        help_text=_(
            "Counted in the course's estimated hours. Leave empty to read it from "
            "the video file."
        ),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "download"
        label = _("Document download")
        template = "courses/blocks/document_download.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("key_point", _("Key point")),
            ("caution", _("Caution")),
            ("trauma_informed", _("Trauma-informed practice")),
        ],
        default="key_point",
    )
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    text = blocks.RichTextBlock(label=_("text"), features=SIMPLE_RICH_TEXT)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "courses/blocks/callout.html"


class CaseScenarioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    situation = blocks.RichTextBlock(label=_("situation"), features=SIMPLE_RICH_TEXT)
    prompts = blocks.ListBlock(
        blocks.TextBlock(label=_("prompt")), label=_("discussion prompts")
    )
    commentary = blocks.RichTextBlock(
        label=_("expert commentary"),
        features=SIMPLE_RICH_TEXT,
        help_text=_("Revealed when the learner asks for it."),
    )

    class Meta:
        icon = "group"
        label = _("Case scenario")
        template = "courses/blocks/case_scenario.html"


class DoDontBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    do = blocks.ListBlock(blocks.TextBlock(label=_("do")), label=_("do"))
    dont = blocks.ListBlock(blocks.TextBlock(label=_("don't")), label=_("don't"))

    class Meta:
        icon = "tick"
        label = _("Do and don't")
        template = "courses/blocks/do_dont.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    items = blocks.ListBlock(blocks.TextBlock(label=_("item")), label=_("items"))

    class Meta:
        icon = "list-ul"
        label = _("Checklist")
        template = "courses/blocks/checklist.html"


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("term"), max_length=200)
    definition = blocks.TextBlock(label=_("definition"))

    class Meta:
        icon = "help"
        label = _("Glossary term")
        template = "courses/blocks/glossary_term.html"


class KnowledgeCheckChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("choice"), max_length=400)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)
    feedback = blocks.TextBlock(label=_("feedback"))

    class Meta:
        icon = "radio-empty"
        label = _("Choice")


class KnowledgeCheckBlock(blocks.StructBlock):
    """An ungraded self-check: each choice opens its own feedback (no JavaScript)."""

    question = blocks.TextBlock(label=_("question"))
    choices = blocks.ListBlock(
        KnowledgeCheckChoiceBlock(), label=_("choices"), min_num=2
    )

    class Meta:
        icon = "help"
        label = _("Knowledge check")
        template = "courses/blocks/knowledge_check.html"


class SourcesBlock(blocks.StructBlock):
    """The primary sources a lesson's statements of law or practice rest on."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    items = blocks.ListBlock(
        blocks.RichTextBlock(label=_("source"), features=SIMPLE_RICH_TEXT),
        label=_("sources"),
        min_num=1,
        help_text=_(
            "Statute and article, protocol or official page, e.g. “18 U.S.C. § 1591”; "
            "link to official sites only."
        ),
    )

    class Meta:
        icon = "list-ol"
        label = _("Sources")
        template = "courses/blocks/sources.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    document = DocumentDownloadBlock()
    callout = CalloutBlock()
    case_scenario = CaseScenarioBlock()
    do_dont = DoDontBlock()
    checklist = ChecklistBlock()
    glossary_term = GlossaryTermBlock()
    knowledge_check = KnowledgeCheckBlock()
    sources = SourcesBlock()

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/lesson_body.html"


class ObjectiveBlock(blocks.CharBlock):
    class Meta:
        icon = "tick-inverse"
        label = _("Objective")
        template = "courses/blocks/objective.html"


# A key names an objective in both languages (the same key in each stream), so that
# module objectives can say which course objectives they serve (courses.objectives).
OBJECTIVE_KEY = r"^[a-z0-9][a-z0-9-]*$"
OBJECTIVE_KEY_MESSAGE = _("Use lowercase letters, digits and hyphens, e.g. vc-2.")


class KeyedObjectiveBlock(blocks.StructBlock):
    key = blocks.RegexBlock(
        regex=OBJECTIVE_KEY,
        label=_("key"),
        max_length=40,
        error_messages={"invalid": OBJECTIVE_KEY_MESSAGE},
        help_text=_("A short id, the same in both languages, e.g. vc-2."),
    )
    text = blocks.CharBlock(label=_("objective"), max_length=400)

    class Meta:
        icon = "tick-inverse"
        label = _("Objective with a key")
        template = "courses/blocks/keyed_objective.html"


class ObjectivesBlock(blocks.StreamBlock):
    objective = ObjectiveBlock(max_length=400)
    keyed_objective = KeyedObjectiveBlock()

    class Meta:
        icon = "list-ul"
        template = "courses/blocks/objectives.html"
