"""Targets managers set for the movement's share indicators, per place and
period (DOMAIN.md "Indicators provinces report": targets vary by plan, so
they are data)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.places import Place


class Indicator(models.TextChoices):
    """The share indicators a target can be set for; the values name the
    report columns that show them (``lms.reports.indicators``)."""

    DIGITAL_ID = "digital_id_2_share", _("Adults 16+ with VNeID level 2")
    DIGITAL_FAMILIES = "households_share", _("Households that are “Gia đình số”")


class IndicatorTarget(models.Model):
    """The share (in percent) of a place's population an indicator should
    reach in a year, or in one quarter of it (``quarter`` empty: the whole
    year). A place without its own target follows the nearest place above it
    that has one (``lms.reports.targets``)."""

    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="+", verbose_name=_("place")
    )
    indicator = models.CharField(_("indicator"), max_length=30, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    value = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    set_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["place__path", "indicator", "year", "quarter"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=100),
                name="lms_indicator_target_0_to_100",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True)
                | (models.Q(quarter__gte=1) & models.Q(quarter__lte=4)),
                name="lms_indicator_target_quarter_1_to_4",
            ),
            # Two constraints, since NULL quarters never collide in a plain unique one.
            models.UniqueConstraint(
                fields=["place", "indicator", "year", "quarter"],
                condition=models.Q(quarter__isnull=False),
                name="lms_indicator_target_quarter_once",
            ),
            models.UniqueConstraint(
                fields=["place", "indicator", "year"],
                condition=models.Q(quarter__isnull=True),
                name="lms_indicator_target_year_once",
            ),
        ]

    def __str__(self) -> str:
        period = f"Q{self.quarter}/{self.year}" if self.quarter else str(self.year)
        return f"{self.place_id} · {self.indicator} · {period}: {self.value}"


__all__ = ["Indicator", "IndicatorTarget"]
