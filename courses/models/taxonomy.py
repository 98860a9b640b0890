from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyQuerySet(models.QuerySet):
    def pillars(self):
        return self.filter(kind=SkillArea.Kind.PILLAR)

    def basic_skills(self):
        return self.filter(kind=SkillArea.Kind.BASIC_SKILL)


# Each target group owns one bit of a learner's ``target_group_mask`` (a
# signed 64-bit integer, bits 0 to 62), so there can be at most 63 groups.
MAX_TARGET_GROUPS = 63


def too_many_target_groups() -> ValidationError:
    return ValidationError(
        _("There can be at most %(limit)d target groups. Delete one that is no longer used first."),
        code="too_many_target_groups",
        params={"limit": MAX_TARGET_GROUPS},
    )


class TargetGroup(index.Indexed, models.Model):
    """Who a course is for (pupils, officials, traders, the elderly...): data, not code."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The group's bit in ``Learner.target_group_mask`` and its tallies' copy
    # (the reports count a group's learners by it): given on creation, the
    # smallest one free; a deleted group's bit is cleared everywhere first.
    bit = models.PositiveSmallIntegerField(_("bit"), unique=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bit__lt=MAX_TARGET_GROUPS), name="courses_target_group_bit_fits"
            ),
        ]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.bit is not None:
            return super().save(*args, **kwargs)
        # Two groups created at the same moment may pick the same free bit:
        # the unique constraint refuses the second, which picks again.
        for _attempt in range(MAX_TARGET_GROUPS):
            self.bit = free_bit(TargetGroup.objects.exclude(pk=self.pk))
            if self.bit is None:
                raise too_many_target_groups()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                taken = TargetGroup.objects.filter(bit=self.bit).exclude(pk=self.pk).exists()
                self.bit = None
                if not taken:  # another constraint (a name or slug in use)
                    raise
        raise too_many_target_groups()

    def clean(self):
        super().clean()
        if self.bit is None and free_bit(TargetGroup.objects.exclude(pk=self.pk)) is None:
            raise too_many_target_groups()


def free_bit(groups: models.QuerySet[TargetGroup]) -> int | None:
    """The smallest bit none of ``groups`` holds (None when all 63 are taken)."""
    taken = set(groups.values_list("bit", flat=True))
    return next((bit for bit in range(MAX_TARGET_GROUPS) if bit not in taken), None)


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
