from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import KnowledgeCheckBlock, LessonBodyBlock, questions_data
from ..cache import data_key, published
from ..text import strip_tags
from ..validators import MISSING_ALT_TEXT
from .search import SearchTextMixin
from .taxonomy import SkillArea, TargetGroup

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CataloguePage(Page):
    """Lists local and national courses, with filters and search."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    per_page = models.PositiveSmallIntegerField(
        _("courses per page"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("per_page")]
    subpage_types = ["courses.CoursePage", "courses.FourTProgramPage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")
        verbose_name_plural = _("course catalogues")

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context


def _final_check_block():
    return StreamField(
        [("knowledge_check", KnowledgeCheckBlock())],
        blank=True,
        block_counts={"knowledge_check": {"max_num": 1}},
        verbose_name=_("final knowledge check"),
        help_text=_("Optional. When set, learners must pass it to complete the course."),
    )


class CoursePage(SearchTextMixin, Page):
    """A local course: what it teaches, for whom, and how it is completed."""

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in the catalogue.")
    )
    description = RichTextField(_("description"), blank=True, features=INTRO_FEATURES)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("cover image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the cover image for people who cannot see it."),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"), default=30, validators=[MinValueValidator(1)]
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="course_pages"
    )
    skill_areas = ParentalManyToManyField(
        SkillArea, verbose_name=_("skill areas"), blank=True, related_name="course_pages"
    )
    final_check = _final_check_block()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover image")
        ),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("estimated_minutes"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("skill_areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who and what"),
        ),
        FieldPanel("final_check", heading=_("Completion: final knowledge check")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("level"),
    ]
    nfc_fields = ("title", "summary", "description")

    parent_page_types = ["courses.CataloguePage", "courses.FourTProgramPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    is_external = False

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_image_alt.strip():
            raise ValidationError({"cover_image_alt": MISSING_ALT_TEXT})

    def search_text_parts(self) -> list[str]:
        return [self.title, self.summary, strip_tags(self.description)]

    # --- What the learning records layer reads ------------------------------
    def lesson_pages(self):
        """The live lessons, in the order editors arranged them."""
        return LessonPage.objects.child_of(self).live().order_by("path")

    def required_lesson_ids(self) -> list[int]:
        """Lessons a learner must complete for the course to be complete."""
        return list(self.lesson_pages().filter(required=True).values_list("pk", flat=True))

    @cached_property
    def final_check_block(self):
        return next(iter(self.final_check), None)

    @property
    def final_check_pass_mark(self) -> int | None:
        block = self.final_check_block
        return block.value["pass_mark"] if block else None

    def final_check_questions(self) -> list[dict]:
        block = self.final_check_block
        return questions_data(block.value) if block else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lessons = list(self.lesson_pages().specific())
        context["lessons"] = lessons
        context["total_lesson_minutes"] = sum(lesson.estimated_minutes for lesson in lessons)
        return context


class LessonPage(SearchTextMixin, Page):
    """One lesson of a course: text, pictures, media, steps and a knowledge check."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"), default=10, validators=[MinValueValidator(1)]
    )
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Learners must complete required lessons to complete the course."),
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("required")], heading=_("Completion")
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    nfc_fields = ("title", "summary")

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def search_text_parts(self) -> list[str]:
        # Built by hand rather than from Wagtail's searchable content, which
        # would include the answers and explanations of the knowledge check.
        parts = [self.title, self.summary]
        for block in self.body:
            value = block.value
            kind = block.block_type
            if kind == "heading":
                parts.append(value)
            elif kind == "text":
                parts.append(strip_tags(value.source))
            elif kind in ("tip", "warning"):
                parts.append(strip_tags(value["text"].source))
            elif kind == "image":
                parts.append(value["caption"])
            elif kind in ("video", "audio"):
                parts += [value["title"], value["transcript"]]
            elif kind == "document":
                parts.append(value["title"])
            elif kind == "steps":
                parts.append(value["title"])
                parts += [strip_tags(step["text"].source) for step in value["steps"]]
            elif kind == "knowledge_check":
                parts += [question["question"] for question in value["questions"]]
        return parts

    @cached_property
    def course(self) -> CoursePage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    @cached_property
    def knowledge_check_block(self):
        return next((block for block in self.body if block.block_type == "knowledge_check"), None)

    @property
    def knowledge_check_pass_mark(self) -> int | None:
        block = self.knowledge_check_block
        return block.value["pass_mark"] if block else None

    def knowledge_check_questions(self) -> list[dict]:
        """Questions, answers, which answers are correct and why: for server-side grading."""
        block = self.knowledge_check_block
        return questions_data(block.value) if block else []

    def navigation(self) -> dict:
        """The course, the neighbouring lessons and this lesson's place among
        the live ones. The same for every visitor and changed only by
        publishing, so it is kept in the cache until content changes."""
        if self.pk is None or not self.path:
            return self._navigation()
        return published(data_key("lesson-navigation", self.pk, self.path), self._navigation)

    def _navigation(self) -> dict:
        parent_path = self.path[: -self.steplen]
        course = CoursePage.objects.filter(path=parent_path).first() or self.course
        siblings = list(
            LessonPage.objects.sibling_of(self)
            .live()
            .order_by("path")
            .only("id", "title", "slug", "path", "depth", "url_path", "live", "locale_id")
        )
        before = [lesson for lesson in siblings if lesson.path < self.path]
        after = [lesson for lesson in siblings if lesson.path > self.path]
        return {
            "course": course,
            "previous_lesson": before[-1] if before else None,
            "next_lesson": after[0] if after else None,
            "lesson_number": len(siblings) - len(after),
            "lesson_count": len(siblings),
        }

    NAVIGATION_KEYS = ("course", "previous_lesson", "next_lesson", "lesson_number", "lesson_count")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Looked up only if the template shows them: a signed-in learner's
        # page keeps the parts showing them rendered (``published_fragment``).
        navigation = SimpleLazyObject(self.navigation)
        context.update(
            {key: SimpleLazyObject(lambda key=key: navigation[key]) for key in self.NAVIGATION_KEYS}
        )
        return context


def lessons_under(courses) -> models.QuerySet:
    """The live lessons right below these courses (anything with ``path`` and
    ``depth``), in page order, in one query: one condition per course, OR-ed
    (a ``child_of`` queryset per course costs more to build than to run)."""
    children = models.Q()
    for course in courses:
        children |= models.Q(path__startswith=course.path, depth=course.depth + 1)
    if not children:
        return LessonPage.objects.none()
    return LessonPage.objects.filter(children).live().order_by("path")


class FourTProgramPage(Page):
    """The 4T program: courses grouped under the four pillars (small trade,
    e-commerce, cashless payment, digital savings). The program is complete
    when each pillar has a completed course."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("pillar_courses", heading=_("Courses by pillar"), label=_("Course")),
    ]
    parent_page_types = ["courses.CataloguePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("4T program")
        verbose_name_plural = _("4T programs")

    def courses_by_pillar(self) -> dict[SkillArea, list[CoursePage]]:
        """Every 4T pillar (even one without courses yet) with its live courses."""
        result: dict[SkillArea, list[CoursePage]] = {
            pillar: [] for pillar in SkillArea.objects.pillars()
        }
        links = (
            self.pillar_courses.filter(course__live=True)
            .select_related("pillar", "course")
            .order_by("sort_order")
        )
        for link in links:
            result.setdefault(link.pillar, []).append(link.course)
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pillars"] = self.courses_by_pillar()
        return context


class ProgramCourse(Orderable):
    """One course listed under one pillar of a 4T program."""

    program = ParentalKey(FourTProgramPage, on_delete=models.CASCADE, related_name="pillar_courses")
    pillar = models.ForeignKey(
        SkillArea,
        verbose_name=_("pillar"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": SkillArea.Kind.PILLAR},
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("pillar"), PageChooserPanel("course", page_type="courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("course in a pillar")
        verbose_name_plural = _("courses by pillar")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "course"], name="courses_program_course_once"
            )
        ]

    def clean(self):
        super().clean()
        if self.pillar_id and self.pillar.kind != SkillArea.Kind.PILLAR:
            raise ValidationError({"pillar": _("Choose one of the four 4T pillars.")})
