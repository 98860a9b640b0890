"""Event pages: a day of learning in a commune (the yearly 10/10 "Ngày hội
toàn dân học tập số"), a talk, a help morning. The pages say what, when,
where and for whom; who signed up and who came is kept by ``lms``."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .images import PictureWithAlt
from .pages import INTRO_FEATURES
from .taxonomy import TargetGroup


def validate_web_address(value: str) -> None:
    """An online link must be a web address (http or https), never a
    ``javascript:`` or other scheme a browser would run."""
    if urlsplit(value or "").scheme not in ("http", "https"):
        raise ValidationError(
            _("Use a web address that starts with https:// or http://."), code="not_http"
        )


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("time"))
    item = blocks.CharBlock(label=_("what happens"), max_length=200)

    class Meta:
        icon = "time"
        label = _("programme item")


class EventIndexPage(Page):
    """Lists the events below it: upcoming ones first (soonest first), then
    past ones (latest first)."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("event list")
        verbose_name_plural = _("event lists")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = list(EventPage.objects.child_of(self).live().public().order_by("start_at", "pk"))
        context["upcoming_events"] = [event for event in events if event.end_at >= now]
        context["past_events"] = [event for event in reversed(events) if event.end_at < now]
        return context


class EventPage(PictureWithAlt, Page):
    """One event, in person (a venue), online (a link) or both."""

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in lists.")
    )
    start_at = models.DateTimeField(_("starts at"))
    end_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(
        _("venue"),
        max_length=250,
        blank=True,
        help_text=_("Where people come, e.g. the commune's cultural house."),
    )
    online_url = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        validators=[validate_web_address],
        help_text=_("For the online part: a web address (https://...)."),
    )
    programme = StreamField(
        [("item", ProgrammeItemBlock())], blank=True, verbose_name=_("programme")
    )
    description = RichTextField(_("description"), blank=True, features=INTRO_FEATURES)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("How many people can sign up. Leave empty for no limit."),
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="event_pages"
    )
    courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("courses"),
        blank=True,
        related_name="event_pages",
        help_text=_("The courses this event belongs to."),
    )
    programs = ParentalManyToManyField(
        "courses.FourTProgramPage",
        verbose_name=_("4T programs"),
        blank=True,
        related_name="event_pages",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
                FieldPanel("venue"),
                FieldPanel("online_url"),
                FieldPanel("capacity"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("programme"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        MultiFieldPanel(
            [
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("courses", widget=forms.CheckboxSelectMultiple),
                FieldPanel("programs", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who and what"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.FilterField("start_at"),
    ]

    parent_page_types = ["courses.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_at__gt=models.F("start_at")),
                name="courses_event_ends_after_start",
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            errors["end_at"] = _("The event must end after it starts.")
        if not (self.venue or "").strip() and not (self.online_url or "").strip():
            errors["venue"] = _("Give a venue, an online link, or both.")
        errors.update(self.picture_errors())
        if errors:
            raise ValidationError(errors)

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.start_at

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.end_at
