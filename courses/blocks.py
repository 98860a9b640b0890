"""StreamField blocks for lessons.

Each block validates what a learner needs to get out of it: images carry alt
text, video and audio carry a transcript, and a knowledge check has a correct
answer. Knowledge checks keep their answers in the page data only; templates
render the questions, and grading happens on the server.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .validators import MISSING_ALT_TEXT

LESSON_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
CALLOUT_FEATURES = ["bold", "italic", "link"]

ALT_TEXT_HELP = _(
    "Describe what the picture shows for people who cannot see it, "
    "for example: “The Zalo app's sign-in screen with the phone number box”."
)


def _missing_alt_text() -> ValidationError:
    return ValidationError(MISSING_ALT_TEXT)


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alt text"), max_length=250, required=False, help_text=ALT_TEXT_HELP
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt") or "").strip():
            raise StructBlockValidationError(block_errors={"alt": _missing_alt_text()})
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    embed = EmbedBlock(
        label=_("Video link"),
        required=False,
        help_text=_("A YouTube or similar link. Leave empty when you upload a file."),
    )
    file = DocumentChooserBlock(
        label=_("Video file"),
        required=False,
        help_text=_("An MP4 or WebM file. Leave empty when you give a link."),
    )
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        help_text=_("Everything that is said and shown, for people who cannot watch or hear it."),
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("embed")) == bool(value.get("file")):
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(_("Give either a video link or a video file, not both."))
                ]
            )
        return value

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"


class AudioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    file = DocumentChooserBlock(label=_("Audio file"), help_text=_("An MP3, M4A, OGG or WAV file."))
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        help_text=_("Everything that is said, for people who cannot hear it."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Audio")
        template = "courses/blocks/audio.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document download")
        template = "courses/blocks/document.html"


class StepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("What to do"), features=CALLOUT_FEATURES)
    screenshot = ImageChooserBlock(label=_("Screenshot"), required=False)
    screenshot_alt = blocks.CharBlock(
        label=_("Screenshot alt text"), max_length=250, required=False, help_text=ALT_TEXT_HELP
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("screenshot") and not (value.get("screenshot_alt") or "").strip():
            raise StructBlockValidationError(block_errors={"screenshot_alt": _missing_alt_text()})
        return value

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step guide")
        template = "courses/blocks/steps.html"


class CalloutBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=CALLOUT_FEATURES)


class TipBlock(CalloutBlock):
    class Meta:
        icon = "help"
        label = _("Tip")
        template = "courses/blocks/tip.html"


class WarningBlock(CalloutBlock):
    class Meta:
        icon = "warning"
        label = _("Warning")
        template = "courses/blocks/warning.html"


class AnswerOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct answer"), required=False)
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        help_text=_("Shown after the learner answers: why this answer is right or wrong."),
    )

    class Meta:
        icon = "tick"
        label = _("Answer")


SINGLE = "single"
MULTIPLE = "multiple"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            (SINGLE, _("Single choice: exactly one answer is correct")),
            (MULTIPLE, _("Multiple choice: one or more answers are correct")),
        ],
        default=SINGLE,
    )
    options = blocks.ListBlock(AnswerOptionBlock(), label=_("Answers"), min_num=2, max_num=8)

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        if correct == 0:
            raise StructBlockValidationError(
                block_errors={
                    "options": ListBlockValidationError(
                        non_block_errors=[
                            ValidationError(_("Mark at least one answer as correct."))
                        ]
                    )
                }
            )
        if value["kind"] == SINGLE and correct != 1:
            raise StructBlockValidationError(
                block_errors={
                    "options": ListBlockValidationError(
                        non_block_errors=[
                            ValidationError(
                                _(
                                    "A single-choice question has exactly one correct answer; "
                                    "make it multiple choice or untick the others."
                                )
                            )
                        ]
                    )
                }
            )
        return value

    class Meta:
        icon = "help"
        label = _("Question")


class KnowledgeCheckBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for “Check what you learned”."),
    )
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"),
        min_value=0,
        max_value=100,
        default=70,
        help_text=_("The share of questions a learner must answer correctly, from 0 to 100."),
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Knowledge check")
        template = "courses/blocks/knowledge_check.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(label=_("Text"), features=LESSON_RICH_TEXT_FEATURES)
    image = ImageBlock()
    video = VideoBlock()
    audio = AudioBlock()
    document = DocumentBlock()
    steps = StepsBlock()
    tip = TipBlock()
    warning = WarningBlock()
    knowledge_check = KnowledgeCheckBlock()

    class Meta:
        block_counts = {"knowledge_check": {"max_num": 1}}


def questions_data(check_value) -> list[dict]:
    """Questions of a knowledge check as plain data with stable ids.

    The ids are the ListBlock item ids Wagtail keeps across edits, so an answer
    recorded today can still be matched after an editor fixes a typo.
    """
    if not check_value:
        return []
    questions = []
    for question in check_value["questions"].bound_blocks:
        options = [
            {
                "id": option.id,
                "text": option.value["text"],
                "correct": bool(option.value["correct"]),
                "explanation": option.value["explanation"],
            }
            for option in question.value["options"].bound_blocks
        ]
        questions.append(
            {
                "id": question.id,
                "text": question.value["question"],
                "multiple": question.value["kind"] == MULTIPLE,
                "options": options,
            }
        )
    return questions
