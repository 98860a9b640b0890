"""Per-learner tallies of the learning records (for all time, each quarter and
each month), so the movement's figures for a whole province are read from a
few small rows per learner instead of millions of progress rows.

A tally is derived state, like the progress tables: ``lms.learning.services.tallies``
keeps it up to date inside the recording service's transaction and rebuilds it
from the progress tables and the event log (``manage.py rebuild_learning_state``).
Reports read it only for periods it answers exactly (all time, one calendar
quarter or whole calendar months, in local time); any other period is counted
from the raw rows.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

ALL_TIME = 0


def quarter_key(year: int, quarter: int) -> int:
    """The tally key of a calendar quarter, e.g. 20263 for Q3 2026 (0 is all time)."""
    return year * 10 + quarter


def month_key(year: int, month: int) -> int:
    """The tally key of a calendar month, e.g. 202607 for July 2026."""
    return year * 100 + month


class LearnerTally(models.Model):
    """One learner's figures for one span of local time: all time (``span`` =
    0), a quarter (``quarter_key``, e.g. 20263) or a month (``month_key``, e.g.
    202607): whether they recorded any learning event, and how many lessons and
    courses they completed then."""

    learner = models.ForeignKey(
        "lms.Learner", on_delete=models.CASCADE, related_name="+", verbose_name=_("learner")
    )
    # The learner's village, copied so a province's figures are read by village
    # without joining a million learners; moved with the learner (Learner.save).
    village = models.ForeignKey(
        "lms.Place",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("village"),
    )
    # The learner's target groups (``Learner.target_group_mask``), copied for
    # the same reason; kept with the learner's (lms.learning.services.target_groups).
    target_group_mask = models.BigIntegerField(_("target groups (bits)"), default=0)
    span = models.PositiveIntegerField(_("all time, quarter or month"))
    active = models.BooleanField(_("active"), default=False)
    lessons_completed = models.PositiveIntegerField(_("lessons completed"), default=0)
    courses_completed = models.PositiveIntegerField(_("courses completed"), default=0)

    class Meta:
        verbose_name = _("learner tally")
        verbose_name_plural = _("learner tallies")
        constraints = [
            models.UniqueConstraint(fields=["learner", "span"], name="lms_tally_once"),
        ]
        indexes = [
            models.Index(
                fields=["span", "village"],
                name="lms_tally_span_village",
                include=["active", "lessons_completed", "courses_completed"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}/{self.span}"


class SummaryState(models.Model):
    """What a summary kept on other rows was last rebuilt for, keyed by the
    summary's name: for ``digital_families``, the definition
    (``lms.learning.services.digital_families``) every learner's ``digital_skills_at``
    was computed with. Reports use a summary only while its definition is
    still the current one."""

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    definition = models.JSONField(_("definition"))
    rebuilt_at = models.DateTimeField(_("rebuilt at"))

    class Meta:
        verbose_name = _("summary state")
        verbose_name_plural = _("summary states")

    def __str__(self) -> str:
        return self.name
