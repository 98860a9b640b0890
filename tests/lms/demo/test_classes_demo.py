"""The demo trainer's class: learners, two sessions, attendance and lessons
done in class; seeding again changes nothing."""

import pytest
from django.core.management import call_command

from lms.demo.classes import ABSENT_FIRST_SESSION, CLASS_NAME, LEARNERS
from lms.models import Learner, LearningEvent, Source
from lms.models.classes import Attendance, ClassSession, TrainingClass

pytestmark = pytest.mark.django_db


def counts():
    return (
        TrainingClass.objects.count(),
        ClassSession.objects.count(),
        Attendance.objects.count(),
        Learner.objects.count(),
        LearningEvent.objects.count(),
    )


def test_demo_class_belongs_to_the_demo_trainer_and_seeding_twice_changes_nothing(demo_site):
    training_class = TrainingClass.objects.get(name=CLASS_NAME)
    assert [user.username for user in training_class.trainers.all()] == ["trainer"]
    assert training_class.learners.count() == len(LEARNERS)
    assert training_class.courses.count() == 2
    first, second = training_class.sessions.order_by("date")
    assert Attendance.objects.filter(session=first, present=True).count() == len(LEARNERS) - len(
        ABSENT_FIRST_SESSION
    )
    assert not Attendance.objects.filter(session=second).exists()
    events = LearningEvent.objects.filter(source=Source.CLASS, context__session_id=first.pk)
    assert events.count() == 2 * (len(LEARNERS) - len(ABSENT_FIRST_SESSION))
    before = counts()
    call_command("seed_demo", stdout=None)
    assert counts() == before
