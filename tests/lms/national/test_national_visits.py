"""Every link to a national course goes through our redirect, which counts a
signed-in learner's visits and only ever sends anyone to the catalogued URL."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from lms.models.national import NationalCourseVisit
from lms.national.services import national_course_visit_record
from tests.courses.factories import NationalCourseFactory
from tests.lms.national.helpers import signed_in

pytestmark = pytest.mark.django_db


def go(course) -> str:
    return reverse("lms:national_course_go", args=[course.pk])


def test_catalogue_links_point_at_the_tracking_redirect(course):
    html = Template("{% load courses_tags %}{% national_course_url course %}").render(
        Context({"course": course})
    )
    assert html == go(course)


def test_a_signed_in_learners_visits_are_counted(lan, course):
    client = signed_in(lan.user)
    first = client.get(go(course))
    assert first.status_code == 302
    assert first["Location"] == course.url
    assert "no-store" in first["Cache-Control"]
    visit = NationalCourseVisit.objects.get()
    assert (visit.learner, visit.course, visit.visit_count) == (lan, course, 1)
    first_at = visit.first_visited_at
    client.get(go(course))
    client.get(go(course))
    visit.refresh_from_db()
    assert visit.visit_count == 3
    assert visit.first_visited_at == first_at
    assert visit.last_visited_at > first_at


def test_the_target_is_never_taken_from_the_request(lan, course):
    response = signed_in(lan.user).get(
        go(course) + "?next=https://evil.example/&url=https://evil.example/",
        HTTP_REFERER="https://evil.example/",
    )
    assert response["Location"] == course.url


def test_anonymous_visitors_are_sent_on_without_a_record(client, course):
    response = client.get(go(course))
    assert response.status_code == 302
    assert response["Location"] == course.url
    assert "no-store" in response["Cache-Control"]
    assert not NationalCourseVisit.objects.exists()


def test_an_inactive_course_gets_a_clear_page_and_no_redirect(lan):
    closed = NationalCourseFactory(active=False, title="Khóa đã đóng")
    response = signed_in(lan.user).get(go(closed))
    assert response.status_code == 410
    assert "Location" not in response
    assert "Khóa đã đóng" in response.content.decode()
    assert not NationalCourseVisit.objects.exists()


def test_a_url_whose_host_is_no_longer_allowed_is_not_followed(client, course, settings):
    settings.HOCVUSO = {**settings.HOCVUSO, "NATIONAL_COURSE_HOSTS": ["other.gov.vn"]}
    response = client.get(go(course))
    assert response.status_code == 410
    assert "Location" not in response


def test_an_unknown_course_is_not_found(client):
    assert client.get(reverse("lms:national_course_go", args=[999999])).status_code == 404


def test_recording_is_an_atomic_increment_of_one_row(lan, course, django_assert_num_queries):
    national_course_visit_record(learner=lan, course=course)
    with django_assert_num_queries(1):  # one UPDATE ... SET visit_count = visit_count + 1
        national_course_visit_record(learner=lan, course=course)
    assert NationalCourseVisit.objects.get().visit_count == 2


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_visits_all_count_in_one_row(postgres, lan, course):
    """Eight visits at the same moment, each in its own connection: the unique
    constraint settles who creates the row, and every visit is counted."""
    import threading

    from django.db import connection

    start = threading.Barrier(8)
    errors = []

    def visit():
        try:
            start.wait()
            national_course_visit_record(learner=lan, course=course)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=visit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert NationalCourseVisit.objects.get().visit_count == 8
