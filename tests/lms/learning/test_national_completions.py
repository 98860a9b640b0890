"""A verified national certificate completes its national course in the
learner's derived state (``NationalCompletion``): once per learner and
course, at the earliest verification, in the tallies as a course completed,
in the "Gia đình số" summary through the course's skill areas, and rebuilt
from the event log like the rest."""

import datetime
import uuid

import pytest
from django.utils import timezone

from courses.models import NationalCourse
from lms.learning.services.digital_families import (
    skills_rebuild,
    summary_definition_is_current,
)
from lms.learning.services.records import event_record, learning_state_rebuild
from lms.models import Learner, LearnerTally, NationalCompletion, Source
from lms.models.tallies import ALL_TIME, month_key, quarter_key
from tests.lms.learning.test_digital_families import Families, figures, local

pytestmark = pytest.mark.django_db


def verified(learner, course, when, event_id=None):
    """What approving a claim records (lms.national.services)."""
    return event_record(
        event_id=event_id or uuid.uuid4(),
        learner=learner,
        verb="certificate_verified",
        occurred_at=when,
        source=Source.NATIONAL_CERTIFICATE,
        national_course=course,
        result={"completion": True, "success": True},
    )


def tallies(learner) -> dict[int, int]:
    return dict(
        LearnerTally.objects.filter(learner=learner).values_list("span", "courses_completed")
    )


@pytest.fixture
def families():
    return Families()


@pytest.fixture
def national(families):
    """A national course teaching online payment."""
    course = NationalCourse.objects.create(
        title="Thanh toán số", url="https://binhdanhocvuso.gov.vn/khoa-hoc/thanh-toan"
    )
    course.skill_areas.set([families.pay])
    return course


def test_a_course_is_completed_once_at_the_earliest_verification(families, national):
    binh = families.people["Bình"]
    verified(binh, national, local(7, 2))
    assert list(NationalCompletion.objects.values_list("learner", "course", "completed_at")) == [
        (binh.pk, national.pk, local(7, 2))
    ]
    assert tallies(binh) == {ALL_TIME: 1, quarter_key(2026, 3): 1, month_key(2026, 7): 1}

    # The same certificate recorded again, dated earlier (a second trainer's
    # record of it): still one course completed, now in the second quarter.
    verified(binh, national, local(5, 20))
    verified(binh, national, local(8, 1))
    assert NationalCompletion.objects.get().completed_at == local(5, 20)
    assert {span: n for span, n in tallies(binh).items() if n} == {
        ALL_TIME: 1,
        quarter_key(2026, 2): 1,
        month_key(2026, 5): 1,
    }


def test_the_digital_family_summary_counts_national_courses(families, national):
    skills_rebuild()
    families.learn()
    province = families.places["province"]
    # Bình (Khóm 2) had online public services only; the national course
    # gives him online payment on 15/04: his household becomes a digital family.
    assert Learner.objects.get(pk=families.people["Bình"].pk).digital_skills_at is None
    verified(families.people["Bình"], national, local(4, 15))
    assert summary_definition_is_current()
    assert Learner.objects.get(pk=families.people["Bình"].pk).digital_skills_at == local(4, 15)
    found = figures(province)  # the summary and the slow count agree at each end
    assert found[(3, 31)] == {"Thôn Một": 1}
    assert found[(4, 30)] == {"Khóm 1": 1, "Khóm 2": 1, "Thôn Một": 1}
    assert found[None] == {"Khóm 1": 2, "Khóm 2": 1, "Thôn Một": 2}


def test_a_change_to_a_national_courses_skill_areas_is_a_new_definition(families, national):
    skills_rebuild()
    assert summary_definition_is_current()
    national.skill_areas.add(families.dvc)
    assert not summary_definition_is_current()
    verified(families.people["Mai"], national, local(2, 1))
    skills_rebuild()
    # Mai's national course now teaches both skills: skilled from 01/02.
    assert Learner.objects.get(pk=families.people["Mai"].pk).digital_skills_at == local(2, 1)
    assert figures(families.places["commune_b"])[(3, 7)] == {"Thôn Một": 1}


def test_rebuilding_from_the_event_log_gives_the_same_state(families, national):
    skills_rebuild()
    families.learn()
    binh, lan = families.people["Bình"], families.people["Lan"]
    verified(binh, national, local(4, 15))
    verified(lan, national, local(2, 1))
    verified(lan, national, local(9, 1))
    state = (
        sorted(NationalCompletion.objects.values_list("learner", "course", "completed_at")),
        sorted(LearnerTally.objects.values_list("learner", "span", "active", "courses_completed")),
        sorted(Learner.objects.values_list("pk", "digital_skills_at")),
    )
    NationalCompletion.objects.all().delete()
    Learner.objects.update(digital_skills_at=None)
    learning_state_rebuild()
    assert (
        sorted(NationalCompletion.objects.values_list("learner", "course", "completed_at")),
        sorted(LearnerTally.objects.values_list("learner", "span", "active", "courses_completed")),
        sorted(Learner.objects.values_list("pk", "digital_skills_at")),
    ) == state
    assert NationalCompletion.objects.get(learner=lan).completed_at == local(2, 1)
    # Lan had online payment locally on 10/06; the national course gives it on 01/02.
    assert Learner.objects.get(pk=lan.pk).digital_skills_at == local(3, 5)


def test_a_learner_deleted_takes_their_completions_along(families, national):
    binh = families.people["Bình"]
    verified(binh, national, timezone.now() - datetime.timedelta(days=1))
    binh.delete()
    assert not NationalCompletion.objects.exists()
