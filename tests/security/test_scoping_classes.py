"""Scope of the class pages: a trainer of village A sees nothing of village B,
a trainer of class X sees X only, and what is out of scope is a 404 that says
nothing about whether it exists."""

import datetime

import pytest
from django.urls import reverse

from lms.models import Role
from lms.models.classes import Attendance, ClassSession
from tests.lms.classes_helpers import build_world, class_trainer
from tests.lms.factories import UserFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def class_urls(training_class, session, learner):
    pk = training_class.pk
    return [
        ("get", reverse("lms:class_detail", args=[pk])),
        ("get", reverse("lms:class_edit", args=[pk])),
        ("get", reverse("lms:class_learners_add", args=[pk])),
        ("post", reverse("lms:class_learner_remove", args=[pk, learner.pk])),
        ("post", reverse("lms:session_create", args=[pk])),
        ("get", reverse("lms:session_attendance", args=[pk, session.pk])),
        ("post", reverse("lms:session_attendance", args=[pk, session.pk])),
        ("get", reverse("lms:session_lessons", args=[pk, session.pk])),
        ("post", reverse("lms:session_lessons", args=[pk, session.pk])),
    ]


def test_a_trainer_of_village_a_gets_404_on_every_page_of_a_class_in_village_b(client, world):
    session = ClassSession.objects.create(
        training_class=world.class_b1, date=datetime.date(2026, 3, 5)
    )
    learner = world.learners_b1[0]
    client.force_login(world.trainer_a1)
    for method, url in class_urls(world.class_b1, session, learner):
        data = {"learner": [learner.pk], "present": [learner.pk], "date": "05/03/2026"}
        response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code == 404, url
        assert world.class_b1.name not in response.content.decode()
    assert not Attendance.objects.exists()
    assert world.class_b1.learners.filter(pk=learner.pk).exists()
    assert world.class_b1.sessions.count() == 1
    page = client.get(reverse("lms:class_list")).content.decode()
    assert world.class_a1.name in page and world.class_b1.name not in page


def test_a_session_of_another_class_is_not_reachable_through_ones_own_class(client, world):
    other = ClassSession.objects.create(
        training_class=world.class_b1, date=datetime.date(2026, 3, 5)
    )
    client.force_login(world.trainer_a1)
    url = reverse("lms:session_attendance", args=[world.class_a1.pk, other.pk])
    assert client.get(url).status_code == 404
    learner = world.learners_a1[0]
    assert client.post(url, {"learner": [learner.pk], "present": [learner.pk]}).status_code == 404
    assert not Attendance.objects.exists()


def test_a_trainer_of_class_x_sees_class_x_only(client, world):
    volunteer = class_trainer()
    world.class_a1.trainers.add(volunteer)
    session_b = ClassSession.objects.create(
        training_class=world.class_b1, date=datetime.date(2026, 3, 5)
    )
    client.force_login(volunteer)
    page = client.get(reverse("lms:class_list")).content.decode()
    assert world.class_a1.name in page and world.class_b1.name not in page
    assert client.get(reverse("lms:class_detail", args=[world.class_a1.pk])).status_code == 200
    for method, url in class_urls(world.class_b1, session_b, world.learners_b1[0]):
        assert getattr(client, method)(url).status_code == 404, url
    # The people pages are for place grants: a class alone opens none of them.
    assert client.get(reverse("lms:staff_learners")).status_code == 403
    # A class trainer cannot create classes anywhere.
    response = client.post(
        reverse("lms:class_create"), {"name": "Lớp riêng", "place": world.places["a1"].pk}
    )
    assert response.status_code == 200
    assert not world.places["a1"].training_classes.filter(name="Lớp riêng").exists()


def test_a_manager_of_commune_a_sees_its_classes_not_commune_bs(client, world):
    client.force_login(world.manager_a)
    assert client.get(reverse("lms:class_detail", args=[world.class_a1.pk])).status_code == 200
    assert client.get(reverse("lms:class_detail", args=[world.class_b1.pk])).status_code == 404


def test_revoked_grants_lose_the_classes(client, world):
    from django.utils import timezone

    world.trainer_a1.grants.update(revoked_at=timezone.now())
    world.class_a1.trainers.remove(world.trainer_a1)
    client.force_login(world.trainer_a1)
    assert client.get(reverse("lms:class_list")).status_code == 403
    assert client.get(reverse("lms:class_detail", args=[world.class_a1.pk])).status_code == 403


def test_learners_and_anonymous_visitors_are_kept_out(client, world):
    url = reverse("lms:class_detail", args=[world.class_a1.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(world.learners_a1[0].user)
    assert client.get(url).status_code == 403
    assert client.get(reverse("lms:class_list")).status_code == 403


def test_a_class_trainer_without_two_step_sign_in_is_sent_to_set_it_up(client, world):
    volunteer = UserFactory(username="chua-co-2fa")
    world.class_a1.trainers.add(volunteer)
    client.force_login(volunteer)
    response = client.get(reverse("lms:class_detail", args=[world.class_a1.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_a_place_trainer_without_two_step_sign_in_is_sent_to_set_it_up(client, world):
    trainer = staff(Role.TRAINER, world.places["a2"], username="khom2", with_totp=False)
    client.force_login(trainer)
    response = client.get(reverse("lms:class_list"))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
