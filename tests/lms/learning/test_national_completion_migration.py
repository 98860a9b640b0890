"""Migration 0013 completes the national courses already verified: one
completion per learner and course at the earliest verification, counted in
the learners' tallies, and the digital-family summary marked for rebuilding."""

import datetime
import uuid

import pytest
from django.utils import timezone

from tests.lms.migration_helpers import apps_before, migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("lms", "0012_target_group_masks")]
AFTER = [("lms", "0013_national_completions")]


@pytest.fixture
def old_apps():
    yield from apps_before(BEFORE)


def local(month, day):
    return timezone.make_aware(datetime.datetime(2026, month, day, 10, 0))


def test_verified_certificates_become_completions_in_the_tallies(old_apps):
    Place = old_apps.get_model("lms", "Place")
    Learner = old_apps.get_model("lms", "Learner")
    Event = old_apps.get_model("lms", "LearningEvent")
    Tally = old_apps.get_model("lms", "LearnerTally")
    Course = old_apps.get_model("courses", "NationalCourse")
    old_apps.get_model("lms", "SummaryState").objects.create(
        name="digital_families", definition=[[1, [2]]], rebuilt_at=timezone.now()
    )
    village = Place.objects.create(path="0001", depth=1, name="Thôn 1", kind="village", code="1")
    User = old_apps.get_model("cms", "User")

    def learner(name):
        user = User.objects.create(username=name)
        return Learner.objects.create(user=user, full_name=name, sort_name=name, village=village)

    lan, hoa = learner("lan"), learner("hoa")
    course = Course.objects.create(title="Kỹ năng số", url="https://binhdanhocvuso.gov.vn/k/1")

    def verified(learner, when, national=course):
        Event.objects.create(
            id=uuid.uuid4(),
            learner=learner,
            village=village,
            verb="certificate_verified",
            national_course=national,
            occurred_at=when,
            source="national_certificate",
        )

    verified(lan, local(5, 20))
    verified(lan, local(2, 3))  # the same course again, earlier: counted once, then
    verified(hoa, local(8, 1), national=None)  # a course since deleted: nothing
    verified(hoa, local(9, 9))  # no tallies yet: they are made
    # Lan's tallies before: a local course in February, active in May too.
    for span, courses in ((0, 1), (20261, 1), (202602, 1), (20262, 0), (202605, 0)):
        Tally.objects.create(
            learner=lan, village=village, span=span, active=True, courses_completed=courses
        )

    new_apps = migrate(AFTER)

    Completion = new_apps.get_model("lms", "NationalCompletion")
    assert sorted(Completion.objects.values_list("learner_id", "course_id", "completed_at")) == [
        (lan.pk, course.pk, local(2, 3)),
        (hoa.pk, course.pk, local(9, 9)),
    ]
    tallies = new_apps.get_model("lms", "LearnerTally").objects.filter(learner_id=lan.pk)
    assert dict(tallies.values_list("span", "courses_completed")) == {
        0: 2,
        20261: 2,
        202602: 2,
        20262: 0,
        202605: 0,
    }
    made = new_apps.get_model("lms", "LearnerTally").objects.filter(learner_id=hoa.pk)
    assert sorted(made.values_list("span", "active", "courses_completed", "village_id")) == [
        (0, True, 1, village.pk),
        (20263, True, 1, village.pk),
        (202609, True, 1, village.pk),
    ]
    assert not new_apps.get_model("lms", "SummaryState").objects.exists()
