"""The demo learner has finished one course, with its certificate, and begun
another: My learning shows both, and seeding again changes nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from lms.models import Learner, LearningEvent
from lms.models.certificates import Certificate
from lms.models.records import CourseProgress

# Certificates are issued once the recording transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_learner_has_a_finished_course_a_certificate_and_a_course_under_way(
    demo_site, client
):
    learner = Learner.objects.get(user__username="learner")
    finished = CourseProgress.objects.get(learner=learner, course__slug="nhan-dien-lua-dao")
    under_way = CourseProgress.objects.get(learner=learner, course__slug="tiet-kiem-so-an-toan")
    assert finished.completed_at is not None and finished.percentage == 100
    assert under_way.completed_at is None and 0 < under_way.percentage < 100
    certificate = Certificate.objects.get(learner=learner)
    assert certificate.course_id == finished.course_id

    client.force_login(learner.user)
    page = client.get(reverse("lms:my_learning")).content.decode()
    assert finished.course.title in page
    assert under_way.course.title in page
    assert f"{under_way.percentage}%" in page
    mine = client.get(reverse("lms:certificate_detail", args=[certificate.code]))
    assert mine.status_code == 200 and finished.course.title in mine.content.decode()
    client.logout()
    public = client.get(reverse("lms:certificate_verify", args=[certificate.code]))
    assert public.status_code == 200 and finished.course.title in public.content.decode()

    before = (LearningEvent.objects.count(), Certificate.objects.count())
    call_command("seed_demo", stdout=None)
    assert (LearningEvent.objects.count(), Certificate.objects.count()) == before
