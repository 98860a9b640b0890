"""What a learner sees and does on lesson, course and "My learning" pages."""

import json
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.models import CourseProgress, LearningEvent, LessonProgress, Verb
from tests.lms.records_helpers import (
    build_course,
    new_learner,
    record,
    right_answers,
    wrong_answers,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


def event_id_in(html: str) -> str:
    return re.search(r'name="event_id" value="([0-9a-f-]{36})"', html).group(1)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_anonymous_lesson_page_invites_to_sign_in_and_sets_no_cookie(client):
    _course, lessons = build_course(lessons=1)
    response = client.get(lessons[0].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "/da-xong/" not in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert not LearningEvent.objects.exists()


def test_opening_a_lesson_starts_it_once(signed_in, learner):
    course, lessons = build_course(lessons=2)
    signed_in.get(lessons[0].url)
    signed_in.get(lessons[0].url)
    assert LearningEvent.objects.filter(verb=Verb.OPENED).count() == 1
    assert CourseProgress.objects.get(learner=learner, course=course).percentage == 0


def test_mark_as_done_without_javascript_and_a_replayed_form_changes_nothing(signed_in, learner):
    course, lessons = build_course(lessons=2)
    page = signed_in.get(lessons[0].url).content.decode()
    event_id = event_id_in(page)
    url = reverse("lms:lesson_complete", args=[lessons[0].pk])
    response = signed_in.post(url, {"event_id": event_id}, follow=True)
    assert response.redirect_chain[0][0].startswith(lessons[0].url)
    html = response.content.decode()
    assert "lesson-status__done" in html
    assert CourseProgress.objects.get(learner=learner, course=course).percentage == 50

    again = signed_in.post(url, {"event_id": event_id}, follow=True)
    assert any("already saved" in m for m in messages_of(again))
    assert LearningEvent.objects.filter(verb=Verb.COMPLETED).count() == 1


def test_mark_as_done_needs_a_post_and_a_signed_in_learner(client):
    _course, lessons = build_course(lessons=1)
    url = reverse("lms:lesson_complete", args=[lessons[0].pk])
    assert client.post(url, {"event_id": str(uuid.uuid4())}).status_code == 302
    assert not LearningEvent.objects.exists()


def test_mark_as_done_refuses_bad_input(signed_in, learner):
    _course, lessons = build_course(lessons=2)
    lessons[1].unpublish()
    cases = [
        (lessons[0].pk, "not-a-uuid", "invalid identifier"),
        (lessons[1].pk, str(uuid.uuid4()), "not published"),
        (987654, str(uuid.uuid4()), "not published"),
    ]
    for lesson_id, event_id, message in cases:
        response = signed_in.post(
            reverse("lms:lesson_complete", args=[lesson_id]), {"event_id": event_id}, follow=True
        )
        assert any(message in m for m in messages_of(response)), message
    assert not LearningEvent.objects.filter(verb=Verb.COMPLETED).exists()


def test_a_signed_in_page_is_never_stored_in_the_page_cache(signed_in, client, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    _course, lessons = build_course(lessons=1)
    signed_in.get(lessons[0].url)
    anonymous = Client().get(lessons[0].url).content.decode()
    assert "csrfmiddlewaretoken" not in anonymous
    assert "/da-xong/" not in anonymous


def answer_post(questions, answers, event_id):
    data = {"event_id": event_id}
    for question in questions:
        data[f"q-{question['id']}"] = answers.get(question["id"], [])
    return data


def test_knowledge_check_is_graded_on_the_server_with_explanations_and_retries(signed_in, learner):
    _course, lessons = build_course(lessons=1, check_lesson=True)
    lesson = lessons[0]
    questions = lesson.knowledge_check_questions()
    url = reverse("lms:page_answer", args=[lesson.pk])

    page = signed_in.get(lesson.url).content.decode()
    assert f'formaction="{url}"' in page
    wrong = signed_in.post(
        url, answer_post(questions, wrong_answers(questions), event_id_in(page)), follow=True
    )
    html = wrong.content.decode()
    assert any("0%" in m for m in messages_of(wrong))
    assert "Giải thích: Có" in html  # the explanation of the chosen wrong answer
    assert "Giải thích: Không" in html  # and of the right one
    assert LessonProgress.objects.get(learner=learner).completed_at is None

    retry = signed_in.post(
        url, answer_post(questions, right_answers(questions), event_id_in(html)), follow=True
    )
    assert any("100%" in m for m in messages_of(retry))
    state = LessonProgress.objects.get(learner=learner)
    assert state.completed_at is not None and state.attempts == 2


def test_answers_that_are_not_options_are_refused_on_the_page(signed_in):
    _course, lessons = build_course(lessons=1, check_lesson=True)
    questions = lessons[0].knowledge_check_questions()
    answers = right_answers(questions)
    answers[questions[0]["id"]] = ["khong-phai-lua-chon"]
    response = signed_in.post(
        reverse("lms:page_answer", args=[lessons[0].pk]),
        answer_post(questions, answers, str(uuid.uuid4())),
        follow=True,
    )
    assert any("not one of the options" in m for m in messages_of(response))
    assert not LearningEvent.objects.filter(verb=Verb.ANSWERED).exists()


def test_a_replayed_answer_form_with_other_answers_is_refused(signed_in):
    _course, lessons = build_course(lessons=1, check_lesson=True)
    questions = lessons[0].knowledge_check_questions()
    url = reverse("lms:page_answer", args=[lessons[0].pk])
    event_id = str(uuid.uuid4())
    signed_in.post(url, answer_post(questions, wrong_answers(questions), event_id))
    response = signed_in.post(
        url, answer_post(questions, right_answers(questions), event_id), follow=True
    )
    assert any("already sent" in m for m in messages_of(response))
    assert LearningEvent.objects.filter(verb=Verb.ANSWERED).count() == 1


def test_final_check_on_the_course_page(signed_in, learner):
    course, lessons = build_course(lessons=1, final=True)
    record(learner, lesson=lessons[0])
    page = signed_in.get(course.url).content.decode()
    questions = course.final_check_questions()
    response = signed_in.post(
        reverse("lms:page_answer", args=[course.pk]),
        answer_post(questions, right_answers(questions), event_id_in(page)),
        follow=True,
    )
    assert response.redirect_chain[0][0].startswith(course.url)
    assert CourseProgress.objects.get(learner=learner, course=course).completed_at is not None
    assert "You completed this course" in response.content.decode()


def test_course_page_shows_progress_and_where_to_continue(signed_in, learner):
    course, lessons = build_course(lessons=3)
    record(learner, lesson=lessons[0])
    html = signed_in.get(course.url).content.decode()
    assert 'value="33"' in html
    assert f'href="{lessons[1].url}"' in html
    assert "Continue: Bài 2" in html


def test_my_learning_lists_courses_in_progress_completed_and_next_lesson(signed_in, learner):
    _started, started_lessons = build_course("Ví điện tử", lessons=2)
    finished, finished_lessons = build_course("Dịch vụ công", lessons=1)
    record(learner, lesson=started_lessons[0])
    record(learner, lesson=finished_lessons[0])
    response = signed_in.get(reverse("lms:my_learning"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ví điện tử" in html and 'value="50"' in html
    assert "Dịch vụ công" in html
    assert response.context["summary"].completed[0].course == finished
    assert response.context["summary"].suggestion.next_lesson == started_lessons[1]
    assert "Continue: Bài 2" in html


def test_my_learning_needs_sign_in(client):
    url = reverse("lms:my_learning")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_home_page_says_where_to_continue(signed_in, learner):
    _course, lessons = build_course(lessons=2)
    record(learner, lesson=lessons[0])
    html = signed_in.get("/").content.decode()
    assert "Continue: Bài 2" in html


# --- The offline batch endpoint ----------------------------------------------


def batch_event(lesson, **extra):
    return {
        "id": str(uuid.uuid4()),
        "verb": "completed",
        "lesson": lesson.pk,
        "occurred_at": timezone.now().isoformat(),
        **extra,
    }


def post_batch(client, events, **headers):
    return client.post(
        reverse("lms:events_batch"),
        json.dumps({"events": events}),
        content_type="application/json",
        **headers,
    )


def test_batch_endpoint_records_and_replays_change_nothing(signed_in, learner):
    course, lessons = build_course(lessons=2)
    events = [batch_event(lesson) for lesson in lessons]
    first = post_batch(signed_in, events)
    assert first.status_code == 200 and first.json()["recorded"] == 2
    again = post_batch(signed_in, events)
    assert again.json() == {**again.json(), "recorded": 0, "already": 2}
    assert LearningEvent.objects.count() == 2
    assert CourseProgress.objects.get(learner=learner, course=course).completed_at is not None


def test_batch_endpoint_needs_sign_in_and_csrf(learner):
    _course, lessons = build_course(lessons=1)
    anonymous = Client(enforce_csrf_checks=True)
    assert post_batch(anonymous, [batch_event(lessons[0])]).status_code == 403
    signed = Client(enforce_csrf_checks=True)
    signed.force_login(learner.user)
    assert post_batch(signed, [batch_event(lessons[0])]).status_code == 403
    assert not LearningEvent.objects.exists()


@pytest.mark.parametrize(
    ("events", "body"),
    [
        ("not a list", {"message": "There are no events to save.", "errors": {}}),
        (
            [{"id": "x", "verb": "completed"}],
            {
                "message": "Some events could not be saved; none were.",
                "errors": {"0": ["The event has an invalid identifier."]},
            },
        ),
    ],
)
def test_batch_endpoint_rejects_bad_batches(signed_in, events, body):
    response = post_batch(signed_in, events)
    assert response.status_code == 400
    assert response.json() == body
    assert not LearningEvent.objects.exists()


def test_batch_endpoint_rejects_oversized_batches_and_other_learners(signed_in, settings):
    _course, lessons = build_course(lessons=1)
    settings.HOCVUSO = {**getattr(settings, "HOCVUSO", {}), "RECORD_BATCH_MAX": 2}
    too_many = post_batch(signed_in, [batch_event(lessons[0]) for _ in range(3)])
    assert too_many.status_code == 400 and "at most 2" in too_many.json()["message"]
    other = new_learner()
    response = post_batch(signed_in, [batch_event(lessons[0], learner=other.pk)])
    assert response.status_code == 400
    assert "your own learning" in response.json()["errors"]["0"][0]
    assert not LearningEvent.objects.exists()


def test_batch_endpoint_rejects_unreadable_json(signed_in):
    response = signed_in.post(reverse("lms:events_batch"), "{nope", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"message": "The events could not be read."}
    assert not LearningEvent.objects.exists()


def test_signed_in_lesson_content_is_cached_by_revision_but_the_check_is_not(signed_in):
    _course, lessons = build_course(lessons=1, check_lesson=True)
    lesson = lessons[0]
    first = signed_in.get(lesson.url).content.decode()
    second = signed_in.get(lesson.url).content.decode()
    assert "Đọc kỹ trước khi trả lời." in first and "Đọc kỹ trước khi trả lời." in second
    assert event_id_in(first) != event_id_in(second)  # the check stays per visit

    lesson.body[0] = ("text", "<p>Nội dung đã sửa.</p>")
    lesson.save_revision().publish()
    updated = signed_in.get(lesson.url).content.decode()
    assert "Nội dung đã sửa." in updated and "Đọc kỹ trước khi trả lời." not in updated
