"""Scoped reads for classes. A trainer's scope is the places they hold a grant
over plus the classes they are a trainer of; every class page, report and
export starts from one of these querysets."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from lms.access.selectors import granted_paths, granted_places_q, places_visible_to
from lms.models import Grant, Learner, Place, PlaceKind, Role
from lms.models.classes import Attendance, ClassSession, TrainingClass
from lms.text import fold

MAX_SEARCH_TERMS = 5


def classes_visible_to(user) -> QuerySet[TrainingClass]:
    """Classes ``user`` may see: in their places, or theirs to teach."""
    return TrainingClass.objects.visible_to(user)


def classes_managed_by(user) -> QuerySet[TrainingClass]:
    """Classes ``user`` may change (name, learners, trainers, courses)."""
    return TrainingClass.objects.managed_by(user)


def class_list_for(user) -> QuerySet[TrainingClass]:
    """The class list: each class with its counts, in a fixed number of queries."""
    return (
        classes_visible_to(user)
        .select_related("place")
        .annotate(
            learner_count=Count("learners", distinct=True),
            session_count=Count("sessions", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def trains_a_class(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return TrainingClass.trainers.through.objects.filter(user_id=user.pk).exists()


def learners_visible_to(user) -> QuerySet[Learner]:
    """Learners ``user`` may see as staff: in their places (as in the people
    pages) or in a class they teach."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Learner.objects.none()
    if user.is_superuser:
        return Learner.objects.all()
    in_taught_class = TrainingClass.learners.through.objects.filter(
        learner_id=OuterRef("pk"),
        trainingclass__trainers=user,
    )
    return Learner.objects.filter(
        granted_places_q(user, "village__path") | Q(Exists(in_taught_class))
    )


def class_places_for(user) -> QuerySet[Place]:
    """Where ``user`` may hold a class: villages and communes in their grants."""
    return places_visible_to(user).filter(kind__in=[PlaceKind.COMMUNE, PlaceKind.VILLAGE])


def trainer_candidates_for(user) -> QuerySet:
    """Accounts that may be named trainers of a class: staff with an active
    grant inside ``user``'s places, and ``user``."""
    User = get_user_model()
    paths = None if user.is_superuser else granted_paths(user)
    grants = Grant.objects.active().filter(
        user_id=OuterRef("pk"), role__in=[Role.TRAINER, Role.AMBASSADOR, Role.MANAGER]
    )
    if paths is not None:
        scope = Q(pk__in=[])
        for path in paths:
            scope |= Q(place__path__startswith=path)
        grants = grants.filter(scope)
    return User.objects.filter(Q(Exists(grants)) | Q(pk=user.pk), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def class_learner_candidates(*, user, training_class: TrainingClass, query: str = "") -> QuerySet:
    """Learners ``user`` may add to ``training_class``: in the user's places
    and in the class's place, not yet in the class, matched by name without
    diacritics ("nguyen thi lan" finds "Nguyễn Thị Lan", "d" finds "đ")."""
    learners = (
        Learner.objects.visible_to(user)
        .filter(village__path__startswith=training_class.place.path)
        .exclude(training_classes=training_class)
        .select_related("village")
    )
    for term in fold(query).split()[:MAX_SEARCH_TERMS]:
        learners = learners.filter(sort_name__contains=term)
    return learners.sorted_by_given_name()


def class_learners(training_class: TrainingClass, query: str = "") -> QuerySet[Learner]:
    learners = training_class.learners.select_related("village")
    for term in fold(query).split()[:MAX_SEARCH_TERMS]:
        learners = learners.filter(sort_name__contains=term)
    return learners.order_by("sort_name", "pk")


def session_attendance_rows(session: ClassSession, query: str = "") -> list[dict]:
    """The class's learners with this session's attendance, for the attendance
    page: one query, whatever the size of the class."""
    present = Attendance.objects.filter(session=session, learner_id=OuterRef("pk"), present=True)
    return list(
        class_learners(session.training_class, query)
        .annotate(is_present=Exists(present))
        .values("pk", "full_name", "sort_name", "village__name", "is_present")
    )
