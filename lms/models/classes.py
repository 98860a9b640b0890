"""Training classes (lớp tập huấn): who teaches whom, where, and who came."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.people import Learner
from lms.models.places import Place, PlaceKind


class TrainingClass(models.Model):
    """A class run by one or more trainers for a list of learners, in a village
    or a commune, over one or more sessions. Being one of its trainers is a
    staff role over the class alone."""

    name = models.CharField(_("name"), max_length=150)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="training_classes",
        verbose_name=_("place"),
        limit_choices_to={"kind__in": [PlaceKind.COMMUNE, PlaceKind.VILLAGE]},
        help_text=_("The village or commune the class is held for."),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="training_classes",
        verbose_name=_("trainers"),
    )
    learners = models.ManyToManyField(
        Learner, blank=True, related_name="training_classes", verbose_name=_("learners")
    )
    courses = models.ManyToManyField(
        "courses.CoursePage", blank=True, related_name="+", verbose_name=_("courses")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class ClassSession(models.Model):
    """One meeting of a class: a date and a venue, the attendance taken there
    and the lessons the class completed together."""

    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("class")
    )
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    lessons_completed = models.ManyToManyField(
        "courses.LessonPage",
        blank=True,
        related_name="+",
        verbose_name=_("lessons completed in class"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("class session")
        verbose_name_plural = _("class sessions")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.training_class} · {self.date:%d/%m/%Y}"


class Attendance(models.Model):
    """Whether a learner came to a session: one row per learner and session."""

    session = models.ForeignKey(
        ClassSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    learner = models.ForeignKey(
        Learner, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("learner")
    )
    present = models.BooleanField(_("present"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "learner"], name="lms_attendance_one_per_learner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.learner_id}"


__all__ = ["Attendance", "ClassSession", "TrainingClass"]
