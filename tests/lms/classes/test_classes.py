"""Classes: create within scope, add learners by name, sessions, attendance on
a phone and lessons completed in class recorded as learning events."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import LearningEvent, LessonProgress, Source, Verb
from lms.models.classes import Attendance, ClassSession, TrainingClass
from tests.lms.classes_helpers import build_world, class_trainer, learners

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def session_for(training_class, days_ago=0, venue="Nhà văn hóa"):
    return ClassSession.objects.create(
        training_class=training_class,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        venue=venue,
    )


def test_trainer_creates_a_class_in_their_village_and_teaches_it(client, world):
    client.force_login(world.trainer_a1)
    response = client.post(
        reverse("lms:class_create"),
        {
            "name": "  Lớp   thanh toán  ",
            "place": world.places["a1"].pk,
            "courses": [world.course.pk],
            "notes": "Mang theo điện thoại.",
        },
    )
    training_class = TrainingClass.objects.get(name="Lớp thanh toán")
    assert response["Location"] == reverse("lms:class_learners_add", args=[training_class.pk])
    assert list(training_class.trainers.all()) == [world.trainer_a1]
    assert list(training_class.courses.values_list("pk", flat=True)) == [world.course.pk]


def test_a_class_cannot_be_created_outside_the_trainers_places(client, world):
    client.force_login(world.trainer_a1)
    for place in (world.places["b1"], world.places["a2"], world.places["province"]):
        response = client.post(reverse("lms:class_create"), {"name": "Lớp lạ", "place": place.pk})
        assert response.status_code == 200
        assert "Choose a place from the list." in response.content.decode()
    assert not TrainingClass.objects.filter(name="Lớp lạ").exists()


def test_a_class_can_name_a_trainer_by_email_who_then_sees_only_that_class(client, world):
    volunteer = class_trainer()
    volunteer.email = "tnv@example.vn"
    volunteer.save()
    client.force_login(world.manager_a)
    client.post(
        reverse("lms:class_create"),
        {
            "name": "Lớp thanh niên",
            "place": world.places["a2"].pk,
            "trainer_email": "TNV@example.vn",
        },
    )
    training_class = TrainingClass.objects.get(name="Lớp thanh niên")
    assert set(training_class.trainers.all()) == {volunteer}
    client.force_login(volunteer)
    page = client.get(reverse("lms:class_list")).content.decode()
    assert "Lớp thanh niên" in page
    assert world.class_a1.name not in page


def test_unknown_trainer_email_is_a_clear_error(client, world):
    client.force_login(world.trainer_a1)
    response = client.post(
        reverse("lms:class_create"),
        {"name": "Lớp A", "place": world.places["a1"].pk, "trainer_email": "ai@example.vn"},
    )
    assert "No account has this e-mail address." in response.content.decode()
    assert not TrainingClass.objects.filter(name="Lớp A").exists()


def test_class_list_shows_counts_without_a_query_per_class(
    client, world, django_assert_max_num_queries
):
    for number in range(5):
        extra = TrainingClass.objects.create(name=f"Lớp {number}", place=world.places["a1"])
        extra.learners.add(*world.learners_a1)
        session_for(extra)
    client.force_login(world.trainer_a1)
    with django_assert_max_num_queries(15):  # 7 classes; the page's own share is 2
        response = client.get(reverse("lms:class_list"))
    page = response.content.decode()
    assert "Lớp 4" in page and "3 learners" in page
    assert world.class_b1.name not in page


def test_search_for_learners_to_add_ignores_diacritics_and_stays_in_scope(client, world):
    new = learners(world.places["a1"], ["Đinh Thị Đào"])[0]
    client.force_login(world.trainer_a1)
    url = reverse("lms:class_learners_add", args=[world.class_a1.pk])
    page = client.get(url, {"q": "dinh dao"}).content.decode()
    assert "Đinh Thị Đào" in page
    everyone = client.get(url).content.decode()
    assert "Đinh Thị Đào" in everyone
    assert "Nguyễn Thị Lan" not in everyone  # already in the class
    assert "Đặng Thị Mai" not in everyone  # another commune
    assert "Phạm Văn Bình" not in everyone  # another village: not the class's place
    response = client.post(url, {"learner": [new.pk]})
    assert response.status_code == 302
    assert world.class_a1.learners.filter(pk=new.pk).exists()


def test_adding_a_forged_learner_id_adds_nobody(client, world):
    new = learners(world.places["a1"], ["Đinh Thị Đào"])[0]
    client.force_login(world.trainer_a1)
    url = reverse("lms:class_learners_add", args=[world.class_a1.pk])
    for forged in ([new.pk, world.learners_b1[0].pk], [new.pk, 999999], [new.pk, "x"]):
        client.post(url, {"learner": forged})
        assert not world.class_a1.learners.filter(pk=new.pk).exists()
        assert not world.class_a1.learners.filter(pk=world.learners_b1[0].pk).exists()


def test_moving_a_class_away_from_its_learners_is_refused(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("lms:class_edit", args=[world.class_a1.pk]),
        {"name": "Lớp mới", "place": world.places["a2"].pk, "trainers": [world.trainer_a1.pk]},
    )
    assert "do not live in Khóm 2" in response.content.decode()
    world.class_a1.refresh_from_db()
    assert world.class_a1.name == "Lớp ví điện tử Khóm 1"


def test_a_manager_edits_a_class_and_keeps_trainers_out_of_their_sight(client, world):
    volunteer = class_trainer()
    world.class_a1.trainers.add(volunteer)
    client.force_login(world.manager_a)
    client.post(
        reverse("lms:class_edit", args=[world.class_a1.pk]),
        {
            "name": "Lớp đổi tên",
            "place": world.places["commune_a"].pk,
            "trainers": [world.manager_a.pk],
        },
    )
    world.class_a1.refresh_from_db()
    assert world.class_a1.name == "Lớp đổi tên"
    assert world.class_a1.place == world.places["commune_a"]
    assert set(world.class_a1.trainers.all()) == {world.manager_a, volunteer}


def test_a_trainer_of_the_class_alone_takes_attendance_but_cannot_reshape_it(client, world):
    volunteer = class_trainer()
    world.class_a1.trainers.add(volunteer)
    client.force_login(volunteer)
    assert client.get(reverse("lms:class_detail", args=[world.class_a1.pk])).status_code == 200
    assert client.get(reverse("lms:class_edit", args=[world.class_a1.pk])).status_code == 403
    add = reverse("lms:class_learners_add", args=[world.class_a1.pk])
    assert client.post(add, {"learner": [world.learners_a2[0].pk]}).status_code == 403
    assert not world.class_a1.learners.filter(pk=world.learners_a2[0].pk).exists()


def test_a_session_is_added_and_far_future_dates_are_refused(client, world):
    client.force_login(world.trainer_a1)
    url = reverse("lms:session_create", args=[world.class_a1.pk])
    today = timezone.localdate()
    response = client.post(url, {"date": today.strftime("%d/%m/%Y"), "venue": "Nhà văn hóa"})
    session = ClassSession.objects.get(training_class=world.class_a1)
    assert response["Location"] == reverse(
        "lms:session_attendance", args=[world.class_a1.pk, session.pk]
    )
    response = client.post(url, {"date": today + datetime.timedelta(days=367)})
    assert response.status_code == 400
    assert "at most a year ahead" in response.content.decode()
    response = client.post(url, {"date": "31/02/2026"})
    assert response.status_code == 400
    assert ClassSession.objects.filter(training_class=world.class_a1).count() == 1


def attendance_post(client, session, shown, present, q=""):
    return client.post(
        reverse("lms:session_attendance", args=[session.training_class_id, session.pk]),
        {
            "learner": [learner.pk for learner in shown],
            "present": [learner.pk for learner in present],
            "q": q,
        },
    )


def test_attendance_is_saved_with_one_save(client, world):
    session = session_for(world.class_a1)
    lan, duc, hoa = world.learners_a1
    client.force_login(world.trainer_a1)
    response = attendance_post(client, session, [lan, duc, hoa], [lan, hoa])
    assert response.status_code == 302
    present = dict(Attendance.objects.filter(session=session).values_list("learner_id", "present"))
    assert present == {lan.pk: True, duc.pk: False, hoa.pk: True}
    page = client.get(response["Location"]).content.decode()
    assert "2 present, 1 absent" in page
    # Saving again changes the same rows.
    attendance_post(client, session, [lan, duc, hoa], [duc])
    present = dict(Attendance.objects.filter(session=session).values_list("learner_id", "present"))
    assert present == {lan.pk: False, duc.pk: True, hoa.pk: False}


def test_the_no_javascript_name_filter_only_touches_the_learners_shown(client, world):
    session = session_for(world.class_a1)
    lan, duc, hoa = world.learners_a1
    client.force_login(world.trainer_a1)
    attendance_post(client, session, [lan, duc, hoa], [lan, duc, hoa])
    page = client.get(
        reverse("lms:session_attendance", args=[world.class_a1.pk, session.pk]), {"q": "duc"}
    ).content.decode()
    assert "Trần Văn Đức" in page and "Nguyễn Thị Lan" not in page
    response = attendance_post(client, session, [duc], [], q="duc")
    assert response["Location"].endswith("?q=duc")
    present = dict(Attendance.objects.filter(session=session).values_list("learner_id", "present"))
    assert present == {lan.pk: True, duc.pk: False, hoa.pk: True}


@pytest.mark.parametrize(
    "forge",
    [
        "outsider_shown",
        "outsider_present",
        "present_not_shown",
        "not_a_number",
    ],
)
def test_forged_attendance_saves_nothing(client, world, forge):
    session = session_for(world.class_a1)
    lan, duc, _hoa = world.learners_a1
    outsider = world.learners_b1[0]
    client.force_login(world.trainer_a1)
    url = reverse("lms:session_attendance", args=[world.class_a1.pk, session.pk])
    data = {
        "outsider_shown": {"learner": [lan.pk, outsider.pk], "present": [lan.pk]},
        "outsider_present": {"learner": [lan.pk], "present": [lan.pk, outsider.pk]},
        "present_not_shown": {"learner": [lan.pk], "present": [duc.pk]},
        "not_a_number": {"learner": [lan.pk, "1 OR 1=1"], "present": [lan.pk]},
    }[forge]
    response = client.post(url, data, follow=True)
    assert not Attendance.objects.exists()
    assert "Nothing was saved" in response.content.decode()


def test_attendance_page_and_save_take_the_same_queries_for_40_learners_as_for_3(
    client, world, django_assert_max_num_queries
):
    session = session_for(world.class_a1)
    client.force_login(world.trainer_a1)
    url = reverse("lms:session_attendance", args=[world.class_a1.pk, session.pk])
    client.get(url)  # warm the session and the site lookup

    def measure():
        with django_assert_max_num_queries(14) as context:
            page = client.get(url)
        assert page.status_code == 200
        everyone = list(world.class_a1.learners.all())
        with django_assert_max_num_queries(16) as saving:
            attendance_post(client, session, everyone, everyone[::2])
        return len(context.captured_queries), len(saving.captured_queries)

    small = measure()
    world.class_a1.learners.add(
        *learners(world.places["a1"], [f"Học Viên Số {n}" for n in range(37)])
    )
    large = measure()
    # 37 more learners; a query per learner would add dozens (one may come from a
    # session or cache refresh on some backends).
    assert all(big <= few + 1 for big, few in zip(large, small, strict=True))
    assert Attendance.objects.filter(session=session).count() == 40


def test_lessons_completed_in_class_are_recorded_for_those_present_once(client, world):
    session = session_for(world.class_a1, days_ago=1)
    lan, duc, hoa = world.learners_a1
    Attendance.objects.create(session=session, learner=lan, present=True)
    Attendance.objects.create(session=session, learner=duc, present=False)
    Attendance.objects.create(session=session, learner=hoa, present=True)
    client.force_login(world.trainer_a1)
    url = reverse("lms:session_lessons", args=[world.class_a1.pk, session.pk])
    page = client.get(url).content.decode()
    assert "Quét mã QR" in page and "2 learners marked present" in page
    lesson_ids = [world.lessons[0].pk, world.lessons[1].pk]
    response = client.post(url, {"lesson": lesson_ids}, follow=True)
    assert "Recorded: 4 lesson completions." in response.content.decode()
    events = LearningEvent.objects.filter(verb=Verb.COMPLETED_IN_CLASS)
    assert events.count() == 4
    assert set(events.values_list("learner_id", flat=True)) == {lan.pk, hoa.pk}
    assert set(events.values_list("source", flat=True)) == {Source.CLASS}
    assert set(events.values_list("recorded_by", flat=True)) == {world.trainer_a1.pk}
    assert all(e.occurred_at.date() == session.date for e in events)
    assert LessonProgress.objects.filter(learner=lan, completed_at__isnull=False).count() == 2
    assert not LessonProgress.objects.filter(learner=duc).exists()
    # Saving the same lessons again records nothing new.
    client.post(url, {"lesson": lesson_ids})
    assert LearningEvent.objects.filter(verb=Verb.COMPLETED_IN_CLASS).count() == 4
    page = client.get(url).content.decode()
    assert page.count("badge--done") == 2


def test_lessons_outside_the_class_courses_or_before_attendance_are_refused(client, world):
    from tests.courses.factories import make_course, make_lesson

    other_course = make_course(world.course.get_parent(), title="Dịch vụ công")
    other_lesson = make_lesson(other_course, title="Nộp hồ sơ", slug="nop-ho-so")
    session = session_for(world.class_a1)
    client.force_login(world.trainer_a1)
    url = reverse("lms:session_lessons", args=[world.class_a1.pk, session.pk])
    response = client.post(url, {"lesson": [world.lessons[0].pk]}, follow=True)
    assert "Nobody is marked present" in response.content.decode()
    Attendance.objects.create(session=session, learner=world.learners_a1[0], present=True)
    response = client.post(url, {"lesson": [world.lessons[0].pk, other_lesson.pk]}, follow=True)
    assert "Choose lessons of this class" in response.content.decode()
    assert not LearningEvent.objects.exists()


def test_a_future_session_cannot_record_lessons(client, world):
    session = session_for(world.class_a1, days_ago=-3)
    Attendance.objects.create(session=session, learner=world.learners_a1[0], present=True)
    client.force_login(world.trainer_a1)
    url = reverse("lms:session_lessons", args=[world.class_a1.pk, session.pk])
    client.post(url, {"lesson": [world.lessons[0].pk]})
    assert not LearningEvent.objects.exists()
