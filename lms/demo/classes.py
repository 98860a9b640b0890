"""Demo class for the demo trainer: learners of Khóm 1, two sessions, attendance
and lessons completed in class. Idempotent: found by name before anything is
created, and lessons go through the recording service with fixed event ids."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage
from lms.classes.services import attendance_save, class_lessons, class_lessons_record
from lms.models import ConsentMethod, ConsentRecord, Learner, Place
from lms.models.classes import Attendance, ClassSession, TrainingClass

CLASS_NAME = "Lớp thanh toán không dùng tiền mặt – Khóm 1"
COURSE_SLUGS = ["dung-dien-thoai-an-toan", "thanh-toan-ma-qr"]
VILLAGE_CODE = "19681-01"
# (full name, year of birth): elderly neighbours and a few traders of Khóm 1.
LEARNERS = [
    ("Nguyễn Thị Lan", 1956),
    ("Trần Văn Đức", 1960),
    ("Lê Thị Hoa", 1958),
    ("Hoàng Văn Nam", 1971),
    ("Đặng Thị Mai", 1964),
    ("Võ Văn Dũng", 1952),
    ("Phan Thị Thu", 1968),
    ("Bùi Văn Hải", 1975),
    ("Đỗ Thị Hằng", 1963),
    ("Ngô Văn Tùng", 1959),
    ("Dương Thị Yến", 1980),
    ("Lý Văn Sơn", 1955),
]
ABSENT_FIRST_SESSION = {"Võ Văn Dũng", "Lý Văn Sơn"}


def _demo_learners(village: Place, trainer) -> list[Learner]:
    User = get_user_model()
    learners = []
    for number, (full_name, year) in enumerate(LEARNERS, start=1):
        user, created = User.objects.get_or_create(username=f"demo-hoc-vien-{number:02d}")
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        learner = Learner.objects.filter(user=user).first()
        if learner is None:
            learner = Learner.objects.create(
                user=user,
                full_name=full_name,
                year_of_birth=year,
                village=village,
                registered_by=trainer,
            )
            ConsentRecord.objects.create(
                learner=learner,
                policy_version="2026-01",
                method=ConsentMethod.WRITTEN,
                recorded_by=trainer,
            )
        learners.append(learner)
    return learners


@transaction.atomic
def seed_classes() -> TrainingClass | None:
    """The demo trainer's class. Needs the demo accounts and courses first."""
    trainer = get_user_model().objects.filter(username="trainer").first()
    village = Place.objects.filter(code=VILLAGE_CODE).first()
    if trainer is None or village is None:
        return None
    training_class = TrainingClass.objects.filter(name=CLASS_NAME, place=village).first()
    if training_class is not None:
        return training_class
    learners = _demo_learners(village, trainer)
    training_class = TrainingClass.objects.create(
        name=CLASS_NAME,
        place=village,
        notes="Mang theo điện thoại đã sạc đầy pin và căn cước công dân.",
        created_by=trainer,
    )
    training_class.trainers.add(trainer)
    training_class.learners.add(*learners)
    training_class.courses.set(CoursePage.objects.filter(slug__in=COURSE_SLUGS))
    today = timezone.localdate()
    first = ClassSession.objects.create(
        training_class=training_class,
        date=today - datetime.timedelta(days=7),
        venue="Nhà văn hóa Khóm 1",
    )
    ClassSession.objects.create(
        training_class=training_class, date=today, venue="Nhà văn hóa Khóm 1"
    )
    attendance_save(
        session=first,
        shown_ids=[learner.pk for learner in learners],
        present_ids=[
            learner.pk for learner in learners if learner.full_name not in ABSENT_FIRST_SESSION
        ],
        recorded_by=trainer,
    )
    lessons = list(class_lessons(training_class)[:2])
    if lessons and Attendance.objects.filter(session=first, present=True).exists():
        class_lessons_record(
            session=first, lesson_ids=[lesson.pk for lesson in lessons], recorded_by=trainer
        )
    return training_class
