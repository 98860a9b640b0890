"""Reads for classes. A trainer's scope is the places they hold a grant over
plus the classes they are a trainer of (``lms.access.policy``); every class
page, report and export starts from ``classes_for``."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, QuerySet

from lms.access.policy import (
    Action,
    classes_for,
    learners_for,
    places_for,
)
from lms.access.selectors import staff_accounts_for
from lms.models import Learner, Place, PlaceKind
from lms.models.classes import Attendance, ClassSession, TrainingClass

CLASS_PLACE_KINDS = (PlaceKind.COMMUNE, PlaceKind.VILLAGE)


def class_list_for(user) -> QuerySet[TrainingClass]:
    """The class list: each class with its counts, in a fixed number of queries."""
    return (
        classes_for(user)
        .select_related("place")
        .annotate(
            learner_count=Count("learners", distinct=True),
            session_count=Count("sessions", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def class_places_for(user) -> QuerySet[Place]:
    """Where ``user`` may hold a class: villages and communes in their grants."""
    return places_for(user).filter(kind__in=CLASS_PLACE_KINDS)


def trainer_candidates_for(user) -> QuerySet:
    """Accounts that may be named trainers of a class: staff with an active
    grant inside ``user``'s places, and ``user``."""
    return staff_accounts_for(user)


def class_learner_candidates(*, user, training_class: TrainingClass, query: str = "") -> QuerySet:
    """Learners ``user`` may add to ``training_class``: in the user's places
    and in the class's place, not yet in the class, matched by name without
    diacritics ("nguyen thi lan" finds "Nguyễn Thị Lan", "d" finds "đ")."""
    learners = (
        learners_for(user, Action.CHANGE)
        .filter(village__path__startswith=training_class.place.path)
        .exclude(training_classes=training_class)
        .select_related("village")
    )
    return learners.matching_name(query).sorted_by_given_name()


def class_learners(training_class: TrainingClass, query: str = "") -> QuerySet[Learner]:
    learners = training_class.learners.select_related("village")
    return learners.matching_name(query).order_by("sort_name", "pk")


def session_attendance_rows(session: ClassSession, query: str = "") -> list[dict]:
    """The class's learners with this session's attendance, for the attendance
    page: one query, whatever the size of the class."""
    present = Attendance.objects.filter(session=session, learner_id=OuterRef("pk"), present=True)
    return list(
        class_learners(session.training_class, query)
        .annotate(is_present=Exists(present))
        .values("pk", "full_name", "sort_name", "village__name", "is_present")
    )
