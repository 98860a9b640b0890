"""Per-learner, per-quarter tallies of the learning records, so the movement's
figures for a whole province are read from one small row per learner instead
of millions of progress rows.

A tally is derived state, like the progress tables: ``lms.services.tallies``
keeps it up to date inside the recording service's transaction and rebuilds it
from the progress tables and the event log (``manage.py rebuild_learning_state``).
Reports read it only for periods it answers exactly (all time, or one calendar
quarter in local time); any other period is counted from the raw rows.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

ALL_TIME = 0


def quarter_key(year: int, quarter: int) -> int:
    """The tally key of a calendar quarter, e.g. 20263 for Q3 2026 (0 is all time)."""
    return year * 10 + quarter


class LearnerTally(models.Model):
    """One learner's figures for one quarter (``quarter`` = year × 10 + quarter,
    in local time) or for all time (``quarter`` = 0): whether they recorded any
    learning event, and how many lessons and courses they completed then."""

    learner = models.ForeignKey(
        "lms.Learner", on_delete=models.CASCADE, related_name="+", verbose_name=_("learner")
    )
    quarter = models.PositiveIntegerField(_("quarter"))
    active = models.BooleanField(_("active"), default=False)
    lessons_completed = models.PositiveIntegerField(_("lessons completed"), default=0)
    courses_completed = models.PositiveIntegerField(_("courses completed"), default=0)

    class Meta:
        verbose_name = _("learner tally")
        verbose_name_plural = _("learner tallies")
        constraints = [
            models.UniqueConstraint(fields=["learner", "quarter"], name="lms_tally_once"),
        ]
        indexes = [
            models.Index(
                fields=["quarter", "learner"],
                name="lms_tally_quarter",
                include=["active", "lessons_completed", "courses_completed"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}/{self.quarter}"
