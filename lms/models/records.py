"""Learning records: the append-only event log and the state derived from it.

Every piece of learning evidence is a :class:`LearningEvent` (the shape of an
xAPI statement: actor, verb, object, result, timestamp, context). The progress
tables are a summary of the log, kept up to date by
``lms.learning.services.records.event_record`` in the same transaction and rebuilt from
the log by ``manage.py rebuild_learning_state``. As in Kolibri, the per-event
log is kept apart from the per-learner summary, progress is clamped by the
database and completion times are set only on the transition to complete.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    OPENED = "opened", _("opened")
    COMPLETED = "completed", _("completed")
    ANSWERED = "answered", _("answered")
    COMPLETED_IN_CLASS = "completed_in_class", _("completed in class")
    CERTIFICATE_VERIFIED = "certificate_verified", _("certificate verified")
    ATTENDED = "attended", _("attended")


class Source(models.TextChoices):
    WEB = "web", _("website")
    OFFLINE = "offline", _("sent later from a phone that was offline")
    CLASS = "class", _("in-person class")
    NATIONAL_CERTIFICATE = "national_certificate", _("national certificate")
    ADMIN = "admin", _("administrator")
    EVENT = "event", _("event check-in")


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a recorded learning event."""


class LearningEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Learning events are append-only.")

    def delete(self):
        raise AppendOnlyError("Learning events are append-only.")

    def for_learner(self, learner) -> LearningEventQuerySet:
        return self.filter(learner=learner)


class LearningEvent(models.Model):
    """One piece of learning evidence, exactly as it was recorded.

    ``id`` is the UUID the client generated, which makes recording idempotent:
    a phone that sends the same event twice records it once. ``result`` holds,
    for a knowledge check, ``score`` as a percentage from 0 to 100 (like the
    editor's pass mark), ``success`` and the chosen ``answers``
    (``{question_id: [option_id, ...]}``).

    When a learner deletes their account the events stay, without the learner
    (``learner`` becomes empty) but with the village they lived in, so counts
    by place still add up.
    """

    id = models.UUIDField(_("event id"), primary_key=True, editable=False)
    learner = models.ForeignKey(
        "lms.Learner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_events",
        verbose_name=_("learner"),
    )
    village = models.ForeignKey(
        "lms.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
        help_text=_("Where the learner lived when the event was recorded."),
    )
    verb = models.CharField(_("verb"), max_length=30, choices=Verb.choices)
    lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lesson"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )
    program = models.ForeignKey(
        "courses.FourTProgramPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("4T program"),
    )
    national_course = models.ForeignKey(
        "courses.NationalCourse",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("national course"),
    )
    event_page = models.ForeignKey(
        "courses.EventPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    result = models.JSONField(_("result"), default=dict, blank=True)
    occurred_at = models.DateTimeField(_("occurred at"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)
    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    context = models.JSONField(_("context"), default=dict, blank=True)

    objects = LearningEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning event")
        verbose_name_plural = _("learning events")
        ordering = ["occurred_at", "recorded_at"]
        indexes = [
            models.Index(fields=["learner", "occurred_at"], name="lms_event_learner_time"),
            models.Index(fields=["course", "occurred_at"], name="lms_event_course_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verb__in=Verb.values), name="lms_event_verb_known"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=Source.values), name="lms_event_source_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Learning events are append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Learning events are append-only.")


class LessonProgress(models.Model):
    """Where one learner stands in one lesson (the summary of their events)."""

    learner = models.ForeignKey(
        "lms.Learner",
        on_delete=models.CASCADE,
        related_name="lesson_progress",
        verbose_name=_("learner"),
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("lesson"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
    )
    progress = models.FloatField(_("progress"), default=0.0)
    attempts = models.PositiveIntegerField(_("knowledge check attempts"), default=0)
    best_score = models.PositiveSmallIntegerField(_("best score (%)"), null=True, blank=True)
    last_result = models.JSONField(_("last answers"), default=dict, blank=True)
    started_at = models.DateTimeField(_("started at"))
    last_activity_at = models.DateTimeField(_("last activity at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="lms_lesson_progress_once"),
            models.CheckConstraint(
                condition=models.Q(progress__gte=0) & models.Q(progress__lte=1),
                name="lms_lesson_progress_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=models.Q(best_score__isnull=True) | models.Q(best_score__lte=100),
                name="lms_lesson_progress_score_at_most_100",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True) | models.Q(progress=1),
                name="lms_lesson_progress_complete_is_full",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}/{self.lesson_id}: {self.progress:.0%}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class CourseProgressQuerySet(models.QuerySet):
    def in_progress(self):
        return self.filter(completed_at__isnull=True)

    def completed(self):
        return self.filter(completed_at__isnull=False)


class CourseProgress(models.Model):
    """Where one learner stands in one course: the share of required lessons
    done, the final check and completion by the course page's rules."""

    learner = models.ForeignKey(
        "lms.Learner",
        on_delete=models.CASCADE,
        related_name="course_progress",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
    )
    percentage = models.PositiveSmallIntegerField(_("percentage"), default=0)
    lessons_completed = models.PositiveIntegerField(_("required lessons completed"), default=0)
    final_check_best_score = models.PositiveSmallIntegerField(
        _("final check best score (%)"), null=True, blank=True
    )
    final_check_passed_at = models.DateTimeField(_("final check passed at"), null=True, blank=True)
    final_check_last_result = models.JSONField(
        _("last final check answers"), default=dict, blank=True
    )
    last_lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last lesson"),
    )
    started_at = models.DateTimeField(_("started at"))
    last_activity_at = models.DateTimeField(_("last activity at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = CourseProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("course progress")
        verbose_name_plural = _("course progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="lms_course_progress_once"),
            models.CheckConstraint(
                condition=models.Q(percentage__lte=100),
                name="lms_course_progress_percentage_at_most_100",
            ),
            models.CheckConstraint(
                condition=models.Q(final_check_best_score__isnull=True)
                | models.Q(final_check_best_score__lte=100),
                name="lms_course_progress_score_at_most_100",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True) | models.Q(percentage=100),
                name="lms_course_progress_complete_is_full",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}/{self.course_id}: {self.percentage}%"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class ProgramProgress(models.Model):
    """Where one learner stands in a 4T program: how many of the four pillars
    have a completed course."""

    learner = models.ForeignKey(
        "lms.Learner",
        on_delete=models.CASCADE,
        related_name="program_progress",
        verbose_name=_("learner"),
    )
    program = models.ForeignKey(
        "courses.FourTProgramPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("4T program"),
    )
    pillars_completed = models.PositiveSmallIntegerField(_("pillars completed"), default=0)
    pillars_total = models.PositiveSmallIntegerField(_("pillars"), default=4)
    started_at = models.DateTimeField(_("started at"))
    last_activity_at = models.DateTimeField(_("last activity at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("4T program progress")
        verbose_name_plural = _("4T program progress")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "program"], name="lms_program_progress_once"
            ),
            models.CheckConstraint(
                condition=models.Q(pillars_completed__lte=models.F("pillars_total")),
                name="lms_program_progress_pillars_within_total",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True)
                | models.Q(pillars_completed=models.F("pillars_total")),
                name="lms_program_progress_complete_is_all_pillars",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}/{self.program_id}: {self.pillars_completed}/{self.pillars_total}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class NationalCompletion(models.Model):
    """A national course one learner completed, as a verified certificate
    says: derived from the ``certificate_verified`` events like course
    progress from lesson events (once per learner and course, at the
    earliest verification), so the movement's figures count learning on the
    national platform where they count local learning. Rebuilt from the
    event log with the rest of the derived state."""

    learner = models.ForeignKey(
        "lms.Learner",
        on_delete=models.CASCADE,
        related_name="national_completions",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.NationalCourse",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("national course"),
    )
    completed_at = models.DateTimeField(_("completed at"))

    class Meta:
        verbose_name = _("national course completion")
        verbose_name_plural = _("national course completions")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], name="lms_national_completion_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}/{self.course_id}"
