"""Learning events as xAPI statements: in the learner's data download and in
an administrator's export."""

import datetime
import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.learning.xapi import event_statement, opaque_id
from lms.models import AuditAction, AuditEntry, LearningEvent, Role, Source, Verb
from tests.lms.factories import LearnerFactory, UserFactory, staff
from tests.lms.records_helpers import build_course, record, right_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


ADL = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def learner(places):
    """Not the room's learner (learning/conftest.py): one with a name of her
    own, which no statement may carry."""
    return LearnerFactory(village=places["a1"], full_name="Lê Thị Mai")


@pytest.fixture
def course_and_lessons(db):
    return build_course(title="An toàn trên mạng", lessons=2, check_lesson=True)


def test_a_completion_becomes_a_statement(learner, course_and_lessons):
    course, lessons = course_and_lessons
    event_id = uuid.uuid4()
    record(learner, lesson=lessons[0], event_id=event_id)
    statement = event_statement(LearningEvent.objects.get(pk=event_id))

    assert statement["id"] == str(event_id)
    assert statement["version"] == "1.0.3"
    assert statement["verb"]["id"] == ADL + "completed"
    account = statement["actor"]["account"]
    assert account["homePage"].startswith("http")
    assert account["name"] == opaque_id("actor", learner.pk)
    # No way back to the person from outside the site.
    dumped = json.dumps(statement, ensure_ascii=False)
    for private in ("Lê Thị Mai", learner.user.email, learner.user.username):
        assert private not in dumped
    assert statement["object"]["id"] == lessons[0].get_full_url()
    assert statement["object"]["definition"]["type"].endswith("/activities/lesson")
    assert statement["object"]["definition"]["name"] == {"vi-VN": lessons[0].title}
    assert statement["context"]["contextActivities"]["parent"][0]["id"] == course.get_full_url()
    assert statement["result"] == {"completion": True}
    assert statement["context"]["extensions"][account["homePage"] + "/xapi/extensions/source"] == (
        "web"
    )
    assert "instructor" not in statement["context"]
    timestamp = datetime.datetime.fromisoformat(statement["timestamp"])
    assert timestamp.tzinfo is not None


def test_an_answer_carries_its_score_and_success(learner, course_and_lessons):
    _course, lessons = course_and_lessons
    checked = lessons[-1]
    event_id = uuid.uuid4()
    record(
        learner,
        Verb.ANSWERED,
        lesson=checked,
        event_id=event_id,
        result={"answers": right_answers(checked.knowledge_check_questions())},
    )
    statement = event_statement(LearningEvent.objects.get(pk=event_id))
    assert statement["verb"]["id"] == ADL + "answered"
    assert statement["object"]["definition"]["type"].endswith("/activities/assessment")
    assert statement["result"]["score"] == {"scaled": 1.0, "raw": 100, "min": 0, "max": 100}
    assert statement["result"]["success"] is True


def test_a_trainer_recording_a_class_appears_as_instructor(places, learner, course_and_lessons):
    _course, lessons = course_and_lessons
    trainer = staff(Role.TRAINER, places["a1"])
    event_id = uuid.uuid4()
    record(
        learner,
        Verb.COMPLETED_IN_CLASS,
        lesson=lessons[0],
        event_id=event_id,
        source=Source.CLASS,
        recorded_by=trainer,
    )
    statement = event_statement(LearningEvent.objects.get(pk=event_id))
    assert statement["verb"]["id"] == ADL + "completed"
    assert statement["context"]["instructor"]["account"]["name"] == opaque_id(
        "instructor", trainer.pk
    )
    assert trainer.username not in json.dumps(statement)


def test_the_data_download_holds_the_learners_statements(
    client, places, learner, course_and_lessons
):
    _course, lessons = course_and_lessons
    mine = record(learner, lesson=lessons[0])
    other = LearnerFactory(village=places["a1"])
    record(other, lesson=lessons[0])
    client.force_login(learner.user)
    data = json.loads(client.post(reverse("lms:my_data")).content)
    ids = {statement["id"] for statement in data["xapi_statements"]}
    assert ids == {str(mine.event.id)}
    assert all(
        s["actor"]["account"]["name"] == opaque_id("actor", learner.pk)
        for s in data["xapi_statements"]
    )


# --- The administrator's export ---------------------------------------------------------


def export_url():
    return reverse("lms:xapi_export")


@pytest.fixture
def admin_client(client, db):
    """Not pytest-django's ``admin_client``: a superuser with an authenticator
    (staff pass the second step), and the account kept on ``client.admin``."""
    from allauth.mfa.totp.internal.auth import TOTP

    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(admin)
    client.admin = admin
    return client


def lines(response):
    body = b"".join(response.streaming_content).decode()
    return [json.loads(line) for line in body.splitlines()]


def test_an_admin_exports_the_statements_of_a_date_range(admin_client, learner, course_and_lessons):
    _course, lessons = course_and_lessons
    now = timezone.now()
    old = record(
        learner, verb=Verb.OPENED, lesson=lessons[0], when=now - datetime.timedelta(days=40)
    )
    recent_id = uuid.uuid4()
    record(learner, lesson=lessons[0], event_id=recent_id, when=now - datetime.timedelta(days=1))
    start = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    end = timezone.localdate().isoformat()

    response = admin_client.get(export_url(), {"start": start, "end": end})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert "attachment" in response["Content-Disposition"]
    statements = lines(response)
    assert [s["id"] for s in statements] == [str(recent_id)]
    assert old is not None
    entry = AuditEntry.objects.get(actor=admin_client.admin, action=AuditAction.EXPORT)
    assert entry.detail == {"export": "xapi", "from": start, "to": end}


def test_the_export_accepts_vietnamese_dates(admin_client, learner, course_and_lessons):
    _course, lessons = course_and_lessons
    now = timezone.now()
    record(learner, verb=Verb.OPENED, lesson=lessons[0], when=now - datetime.timedelta(days=40))
    recent_id = uuid.uuid4()
    record(learner, lesson=lessons[0], event_id=recent_id, when=now - datetime.timedelta(days=1))
    today = timezone.localdate()
    start = today - datetime.timedelta(days=7)
    response = admin_client.get(
        export_url(), {"start": start.strftime("%d/%m/%Y"), "end": today.strftime("%d/%m/%Y")}
    )
    assert response.status_code == 200
    assert [s["id"] for s in lines(response)] == [str(recent_id)]  # the week asked for
    entry = AuditEntry.objects.get(actor=admin_client.admin, action=AuditAction.EXPORT)
    assert entry.detail == {"export": "xapi", "from": start.isoformat(), "to": today.isoformat()}


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-03-10", "2026-03-01", "The start date is after the end date."),
        ("1900-01-01", "2026-03-01", "Choose dates between 01/01/2000 and today."),
        ("2026-01-01", "2999-01-01", "Choose dates between 01/01/2000 and today."),
        ("hôm qua", "2026-03-01", "Enter a valid date."),
    ],
)
def test_bad_date_ranges_get_a_clear_message_and_no_export(admin_client, start, end, message):
    response = admin_client.get(export_url(), {"start": start, "end": end})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_only_administrators_export(client, places):
    client.force_login(staff(Role.MANAGER, places["province"]))
    assert client.get(export_url()).status_code == 403
    client.logout()
    response = client.get(export_url())
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('account_login')}?next=")  # to sign in
