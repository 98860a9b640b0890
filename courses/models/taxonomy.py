from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyQuerySet(models.QuerySet):
    def pillars(self):
        return self.filter(kind=SkillArea.Kind.PILLAR)

    def basic_skills(self):
        return self.filter(kind=SkillArea.Kind.BASIC_SKILL)


class TargetGroup(index.Indexed, models.Model):
    """Who a course is for (pupils, officials, traders, the elderly...): data, not code."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class SkillArea(index.Indexed, models.Model):
    """A digital skill a course teaches: one of the five basic skills of
    CV 3240, or one of the four pillars of the 4T model."""

    class Kind(models.TextChoices):
        BASIC_SKILL = "basic", _("Basic digital skill")
        PILLAR = "pillar", _("4T pillar")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.BASIC_SKILL
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["kind", "sort_order", "name"]
        verbose_name = _("skill area")
        verbose_name_plural = _("skill areas")

    def __str__(self):
        return self.name
