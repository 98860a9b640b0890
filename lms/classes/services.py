"""Writes for classes: each a keyword-only function in one transaction that
checks scope itself, so a forged form cannot reach past the caller's scope."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, lessons_under
from lms.access.policy import Action, allows, classes_for
from lms.chosen import chosen_from
from lms.classes.selectors import (
    class_learner_candidates,
    class_places_for,
    trainer_candidates_for,
)
from lms.learning.services.records import event_record
from lms.models import Learner, Place, PlaceKind
from lms.models.classes import Attendance, ClassSession, TrainingClass
from lms.text import clean_text

#: Namespace of the event ids of lessons completed in class: the id of the event
#: for (session, learner, lesson) is always the same, so recording twice is a no-op.
CLASS_EVENT_NAMESPACE = uuid.UUID("6f1c0d52-3b8e-5b61-9a53-2f6b7c3e9d10")
MAX_SESSION_DAYS_AHEAD = 366


def class_event_id(*, session_id: int, learner_id: int, lesson_id: int) -> uuid.UUID:
    return uuid.uuid5(
        CLASS_EVENT_NAMESPACE, f"class-session:{session_id}:learner:{learner_id}:lesson:{lesson_id}"
    )


def _check_place(*, place: Place, user) -> None:
    if place.kind not in (PlaceKind.COMMUNE, PlaceKind.VILLAGE):
        raise ValidationError(_("A class is held in a village or a commune."), code="place_kind")
    if not class_places_for(user).filter(pk=place.pk).exists():
        raise PermissionDenied


def _check_managed(*, training_class: TrainingClass, user) -> None:
    if not allows(user, Action.CHANGE, training_class):
        raise PermissionDenied


def _check_trainers(*, trainers: Iterable, user) -> list:
    trainers = list(trainers)
    allowed = set(
        trainer_candidates_for(user)
        .filter(pk__in=[t.pk for t in trainers])
        .values_list("pk", flat=True)
    )
    return [t for t in trainers if t.pk in allowed or t.pk == user.pk]


@transaction.atomic
def training_class_create(
    *,
    name: str,
    place: Place,
    created_by,
    notes: str = "",
    courses: Iterable[CoursePage] = (),
    trainers: Iterable = (),
    extra_trainers: Iterable = (),
) -> TrainingClass:
    """Create a class in a place within the creator's grants. The creator
    teaches it unless other trainers are named. ``extra_trainers`` are
    accounts given the class alone as their scope (e.g. a youth volunteer)."""
    _check_place(place=place, user=created_by)
    training_class = TrainingClass.objects.create(
        name=clean_text(name), place=place, notes=(notes or "").strip(), created_by=created_by
    )
    chosen = _check_trainers(trainers=trainers, user=created_by) + list(extra_trainers)
    training_class.trainers.set(chosen or [created_by])
    training_class.courses.set(list(courses))
    return training_class


@transaction.atomic
def training_class_update(
    *,
    training_class: TrainingClass,
    updated_by,
    name: str,
    place: Place,
    notes: str = "",
    courses: Iterable[CoursePage] = (),
    trainers: Iterable = (),
    extra_trainers: Iterable = (),
) -> TrainingClass:
    """Change a class. Its learners must still live in its place, so moving a
    class to a place that leaves some of them out is refused."""
    _check_managed(training_class=training_class, user=updated_by)
    _check_place(place=place, user=updated_by)
    outside = training_class.learners.exclude(village__path__startswith=place.path).count()
    if outside:
        raise ValidationError(
            _(
                "%(count)s learners of this class do not live in %(place)s. "
                "Remove them first or choose a larger place."
            )
            % {"count": outside, "place": place.name},
            code="learners_outside",
        )
    training_class.name = clean_text(name)
    training_class.place = place
    training_class.notes = (notes or "").strip()
    training_class.save(update_fields=["name", "place", "notes"])
    kept = _check_trainers(trainers=trainers, user=updated_by) + list(extra_trainers)
    # Trainers whose scope the editor cannot see stay: they are not the editor's to remove.
    hidden = training_class.trainers.exclude(
        pk__in=[
            t.pk for t in _check_trainers(trainers=training_class.trainers.all(), user=updated_by)
        ]
    )
    training_class.trainers.set([*kept, *hidden] or [updated_by])
    training_class.courses.set(list(courses))
    return training_class


@transaction.atomic
def class_learners_add(
    *, training_class: TrainingClass, learner_ids: Iterable[int], added_by
) -> int:
    """Add learners by id. Every id must be a learner ``added_by`` may add to
    this class; one that is not (forged, out of scope, another place) refuses
    the whole request and nothing is added."""
    _check_managed(training_class=training_class, user=added_by)
    wanted = {int(pk) for pk in learner_ids}
    if not wanted:
        return 0
    candidates = class_learner_candidates(user=added_by, training_class=training_class)
    if chosen_from(candidates, wanted) is None:
        raise ValidationError(
            _("Some of the chosen learners cannot be added to this class. Nothing was added."),
            code="learner_out_of_scope",
        )
    training_class.learners.add(*wanted)
    return len(wanted)


@transaction.atomic
def class_learner_remove(*, training_class: TrainingClass, learner: Learner, removed_by) -> None:
    """Take a learner off the class list. Their attendance and learning
    records stay: they happened."""
    _check_managed(training_class=training_class, user=removed_by)
    training_class.learners.remove(learner)


@transaction.atomic
def class_session_create(
    *, training_class: TrainingClass, date: datetime.date, venue: str = "", created_by
) -> ClassSession:
    if not allows(created_by, Action.TEACH, training_class):
        raise PermissionDenied
    if date > timezone.localdate() + datetime.timedelta(days=MAX_SESSION_DAYS_AHEAD):
        raise ValidationError(
            _("A session can be planned at most a year ahead."), code="too_far_ahead"
        )
    return ClassSession.objects.create(
        training_class=training_class, date=date, venue=clean_text(venue)
    )


@dataclass(frozen=True)
class AttendanceSaved:
    present: int
    absent: int


@transaction.atomic
def attendance_save(
    *,
    session: ClassSession,
    shown_ids: Iterable[int],
    present_ids: Iterable[int],
    recorded_by,
) -> AttendanceSaved:
    """Save who came, for the learners that were on the trainer's screen.

    ``shown_ids`` are the learners listed on the form (a name filter may have
    hidden the others: they are left as they were); ``present_ids`` those
    ticked. Any id that is not a learner of this class refuses the whole
    request, so a forged form saves nothing. One statement, whatever the
    size of the class."""
    if not classes_for(recorded_by, Action.TEACH).filter(pk=session.training_class_id).exists():
        raise PermissionDenied
    shown = {int(pk) for pk in shown_ids}
    present = {int(pk) for pk in present_ids}
    members = session.training_class.learners.all()
    if not present <= shown or chosen_from(members, shown | present) is None:
        raise ValidationError(
            _("The list of learners has changed or is not of this class. Nothing was saved."),
            code="not_in_class",
        )
    now = timezone.now()
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                learner_id=pk,
                present=pk in present,
                recorded_by=recorded_by,
                recorded_at=now,
            )
            for pk in sorted(shown)
        ],
        update_conflicts=True,
        unique_fields=["session", "learner"],
        update_fields=["present", "recorded_by", "recorded_at"],
    )
    return AttendanceSaved(present=len(present), absent=len(shown - present))


def class_lessons(training_class: TrainingClass):
    """Live lessons of the class's courses, in course and page order."""
    return lessons_under(training_class.courses.only("path", "depth"))


def _occurred_at(date: datetime.date) -> datetime.datetime:
    now = timezone.localtime()
    if date >= now.date():
        return now
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(12, 0)))


@transaction.atomic
def class_lessons_record(*, session: ClassSession, lesson_ids: Iterable[int], recorded_by) -> int:
    """Record that the class completed these lessons in this session: one
    learning event per learner present and lesson, through the one recording
    service (source: in class; recorded by: the trainer). Event ids are
    derived from (session, learner, lesson), so saving again records nothing
    twice. Returns the number of events sent to the recording service."""
    training_class = session.training_class
    if not allows(recorded_by, Action.TEACH, training_class):
        raise PermissionDenied
    if session.date > timezone.localdate():
        raise ValidationError(
            _("This session has not taken place yet. Record lessons on or after its date."),
            code="future_session",
        )
    wanted = {int(pk) for pk in lesson_ids}
    lessons = list(class_lessons(training_class).filter(pk__in=wanted))
    if not wanted or len(lessons) != len(wanted):
        raise ValidationError(
            _("Choose lessons of this class's courses."), code="lesson_not_in_class"
        )
    present = list(
        Learner.objects.filter(
            attendance__session=session,
            attendance__present=True,
            training_classes=training_class,
        ).order_by("pk")
    )
    if not present:
        raise ValidationError(
            _("Nobody is marked present in this session yet. Take attendance first."),
            code="nobody_present",
        )
    occurred_at = _occurred_at(session.date)
    count = 0
    for learner in present:
        for lesson in lessons:
            event_record(
                event_id=class_event_id(
                    session_id=session.pk, learner_id=learner.pk, lesson_id=lesson.pk
                ),
                learner=learner,
                verb="completed_in_class",
                lesson=lesson,
                occurred_at=occurred_at,
                source="class",
                recorded_by=recorded_by,
                context={"class_id": training_class.pk, "session_id": session.pk},
            )
            count += 1
    session.lessons_completed.add(*lessons)
    return count
