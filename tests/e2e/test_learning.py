"""A learner takes a course on a phone, loses the network mid-lesson and
loses nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from courses.models import CoursePage
from lms.models import CourseProgress, LearningEvent, LessonProgress, Verb

from .signing_in import sign_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COURSE = "Dịch vụ công trực tuyến và VNeID"


def choose(page, questions, correct=True):
    """Tick every right option, or a single wrong one."""
    for question in questions:
        options = [o for o in question["options"] if o["correct"] is correct]
        for option in options if correct else options[:1]:
            page.locator(f'input[name="q-{question["id"]}"][value="{option["id"]}"]').check()


def pending(page):
    return page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('hocvuso:pending-events:'))"
        ".map(k => JSON.parse(localStorage.getItem(k)).length).reduce((a, b) => a + b, 0)"
    )


def test_a_course_survives_a_dropped_connection(live_server, demo_site, phone, axe):
    user = get_user_model().objects.get(username="learner")
    learner = user.learner
    course = CoursePage.objects.get(title=COURSE)
    lessons = [lesson.specific for lesson in course.lesson_pages()]
    assert len(lessons) == 3 and all(lesson.knowledge_check_questions() for lesson in lessons)
    sign_in_as(phone, live_server.url, user)

    # The course page: not started yet.
    phone.goto(live_server.url + course.url)
    assert phone.locator(".course-status").is_visible()
    axe(phone)

    # Lesson 1: a wrong answer, the explanations, then a pass on the retry.
    phone.goto(live_server.url + lessons[0].url)
    assert phone.locator("[data-lms-listen]").is_hidden()  # no Vietnamese voice here
    questions = lessons[0].knowledge_check_questions()
    choose(phone, questions, correct=False)
    phone.locator(".knowledge-check__form button[type=submit]").click()
    expect(phone.locator(".knowledge-check__result .notice--warning")).to_be_visible()
    assert phone.locator(".knowledge-check__feedback").inner_text()
    axe(phone)
    choose(phone, lessons[0].knowledge_check_questions())
    phone.locator(".knowledge-check__form button[type=submit]").click()
    expect(phone.locator(".knowledge-check__result .notice--success")).to_be_visible()
    assert LessonProgress.objects.get(learner=learner, lesson=lessons[0]).completed_at

    # Lesson 2: the network drops while reading; "Mark as done" is kept on the phone.
    phone.goto(live_server.url + lessons[1].url)
    axe(phone)
    phone.context.set_offline(True)
    expect(phone.locator("[data-lms-offline]")).to_be_visible()
    phone.locator("form[data-lms-complete] button").click()
    expect(phone.locator("[data-lms-pending-done]")).to_be_visible()
    assert pending(phone) == 1
    assert not LessonProgress.objects.filter(
        learner=learner, lesson=lessons[1], completed_at__isnull=False
    ).exists()
    axe(phone)

    # Back online: the batch goes out by itself and the learner is told.
    phone.context.set_offline(False)
    phone.locator("[data-lms-synced]").wait_for(state="visible")
    assert pending(phone) == 0
    assert LessonProgress.objects.get(learner=learner, lesson=lessons[1]).completed_at

    # Lesson 3: offline again, this time while answering the knowledge check.
    phone.goto(live_server.url + lessons[2].url)
    phone.context.set_offline(True)
    choose(phone, lessons[2].knowledge_check_questions())
    phone.locator(".knowledge-check__form button[type=submit]").click()
    expect(phone.locator("[data-lms-pending-answers]")).to_be_visible()
    assert pending(phone) == 1
    phone.context.set_offline(False)
    phone.locator("[data-lms-synced]").wait_for(state="visible")
    answered = LearningEvent.objects.get(learner=learner, lesson=lessons[2], verb=Verb.ANSWERED)
    assert answered.result["success"] is True and answered.source == "offline"

    # Nothing was lost: the course is complete, and sending again changes nothing.
    state = CourseProgress.objects.get(learner=learner, course=course)
    assert state.percentage == 100 and state.completed_at
    events = LearningEvent.objects.filter(learner=learner).count()
    phone.reload()
    assert LearningEvent.objects.filter(learner=learner).count() == events

    phone.goto(live_server.url + course.url)
    expect(phone.locator(".course-status .badge--done")).to_be_visible()
    axe(phone)

    phone.goto(live_server.url + reverse("lms:my_learning"))
    assert COURSE in phone.locator("#completed-heading + .card-list").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe(phone)


def test_listen_to_this_lesson_uses_a_vietnamese_voice(live_server, demo_site, phone):
    # A device with a Vietnamese voice: the browser's own speech API, recorded.
    phone.add_init_script(
        """
        window.__spoken = [];
        window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
        const voice = {lang: "vi-VN", name: "Tiếng Việt", default: true, localService: true};
        Object.defineProperty(window, "speechSynthesis", {value: {
          speaking: false,
          getVoices: () => [voice],
          addEventListener: () => {},
          cancel() { this.speaking = false; },
          speak(u) { this.speaking = true; window.__spoken.push({text: u.text, lang: u.lang}); },
        }});
        """
    )
    lesson = CoursePage.objects.get(title=COURSE).lesson_pages().first()
    phone.goto(live_server.url + lesson.url)
    button = phone.locator("[data-lms-listen-button]")
    label = button.inner_text()
    button.click()
    spoken = phone.evaluate("window.__spoken")
    assert spoken[0]["lang"] == "vi-VN"
    assert lesson.title in spoken[0]["text"]
    assert button.inner_text() == button.get_attribute("data-label-stop") != label
