from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from ..validators import validate_course_key, validate_national_course_url
from .search import SearchTextMixin
from .taxonomy import SkillArea, TargetGroup


class NationalCourseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class NationalCourse(SearchTextMixin, index.Indexed, models.Model):
    """A course on a national platform (binhdanhocvuso.gov.vn and others).

    The platform has no API, so the catalogue keeps what a learner needs to
    find the course and, afterwards, the certificate number to report."""

    title = models.CharField(_("title"), max_length=255)
    platform = models.CharField(
        _("platform"),
        max_length=120,
        default="Bình dân học vụ số",
        help_text=_("Who runs the course."),
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        unique=True,
        validators=[validate_national_course_url],
        help_text=_("The course's https address on an allowed national platform."),
    )
    course_key = models.CharField(
        _("course key"),
        max_length=200,
        blank=True,
        validators=[validate_course_key],
        help_text=_("Optional, for example course-v1:MIC+KNS01+2025."),
    )
    description = models.TextField(_("description"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="national_courses"
    )
    skill_areas = models.ManyToManyField(
        SkillArea, verbose_name=_("skill areas"), blank=True, related_name="national_courses"
    )
    issues_certificate = models.BooleanField(_("issues a certificate"), default=True)
    certificate_hint = models.TextField(
        _("where to find the certificate number"),
        blank=True,
        help_text=_("For example: “In ‘My certificates’, under the course name”."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive courses are hidden from the catalogue.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NationalCourseQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("platform"),
        FieldPanel("url"),
        FieldPanel("course_key"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("target_groups"), FieldPanel("skill_areas")], heading=_("Who and what")
        ),
        MultiFieldPanel(
            [FieldPanel("issues_certificate"), FieldPanel("certificate_hint")],
            heading=_("Certificate"),
        ),
        FieldPanel("active"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("active"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("national course")
        verbose_name_plural = _("national courses")

    def __str__(self):
        return self.title

    def search_text_parts(self) -> list[str]:
        return [self.title, self.platform, self.description]

    is_external = True
    nfc_fields = ("title", "platform", "description", "certificate_hint")
