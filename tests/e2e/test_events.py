"""Events on a phone (360x740), in Vietnamese, every page passing axe-core: a
learner signs up for an event and cancels, and sees their code for the door
on "My learning"; a manager checks a learner in by name at the door, then
another by the code typed under the QR, and a second check-in is refused."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lms.models import EventRegistration, Learner, LearningEvent, Place, Verb
from lms.people.passes import learner_pass
from tests.lms.events.helpers import make_event

from .signing_in import sign_in_as, sign_in_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_learner_signs_up_for_an_event_on_a_phone(live_server, demo_site, phone, axe):
    event = make_event(title="Buổi hướng dẫn cài VNeID", slug="huong-dan-vneid", capacity=30)
    learner = Learner.objects.get(user__email="learner@demo.hocvuso.vn")
    sign_in_as(phone, live_server.url, learner.user)

    phone.goto(live_server.url + event.url)
    axe(phone)
    assert no_sideways_scroll(phone)
    phone.get_by_role("button", name="Đăng ký sự kiện này").click()
    phone.wait_for_load_state()
    assert "Bạn đã đăng ký. Hẹn gặp bạn ở sự kiện!" in phone.locator("main").inner_text()
    axe(phone)
    assert EventRegistration.objects.filter(event=event, learner=learner).exists()

    phone.get_by_role("button", name="Hủy đăng ký của tôi").click()
    phone.wait_for_load_state()
    assert "Đã hủy đăng ký của bạn." in phone.locator("main").inner_text()
    assert not EventRegistration.objects.filter(event=event, learner=learner).exists()

    phone.goto(live_server.url + reverse("lms:my_learning"))
    assert phone.get_by_role("img", name="Mã QR của tôi để dự sự kiện").count() == 1
    axe(phone)


def test_staff_check_people_in_at_the_door_on_a_phone(live_server, demo_site, phone, axe):
    commune = Place.objects.get(code="19681")
    event = make_event(
        title="Ngày hội hôm nay",
        slug="ngay-hoi-hom-nay",
        starts_in=-datetime.timedelta(minutes=20),
        place=commune,
    )
    lan = Learner.objects.get(full_name="Nguyễn Thị Lan")
    duc = Learner.objects.get(full_name="Trần Văn Đức")
    EventRegistration.objects.create(event=event, learner=lan)
    manager = get_user_model().objects.get(email="manager@demo.hocvuso.vn")
    sign_in_staff(phone, live_server.url, manager.email)

    door = f"{live_server.url}/can-bo/su-kien/{event.pk}/diem-danh/"
    phone.goto(door)
    axe(phone)
    assert no_sideways_scroll(phone)

    phone.fill("#id_q", "nguyen thi lan")
    phone.get_by_role("button", name="Tìm").click()
    phone.wait_for_load_state()
    axe(phone)
    phone.get_by_role("button", name="Điểm danh Nguyễn Thị Lan").click()
    phone.wait_for_load_state()
    assert "Nguyễn Thị Lan đã điểm danh." in phone.locator("main").inner_text()
    assert "đã điểm danh lúc" in phone.locator(".tick-list").inner_text()
    axe(phone)

    # A walk-in, by the code under their QR (typed, as without a camera).
    phone.fill("input[name=code]", learner_pass(duc))
    phone.get_by_role("button", name="Điểm danh bằng mã này").click()
    phone.wait_for_load_state()
    assert "Trần Văn Đức đã điểm danh (đến trực tiếp" in phone.locator("main").inner_text()

    phone.fill("input[name=code]", learner_pass(duc))
    phone.get_by_role("button", name="Điểm danh bằng mã này").click()
    phone.wait_for_load_state()
    assert "Trần Văn Đức đã điểm danh rồi (lúc" in phone.locator("main").inner_text()
    axe(phone)

    checked = EventRegistration.objects.filter(event=event, checked_in_at__isnull=False)
    assert set(checked.values_list("learner__full_name", flat=True)) == {
        "Nguyễn Thị Lan",
        "Trần Văn Đức",
    }
    assert LearningEvent.objects.filter(event_page=event, verb=Verb.ATTENDED).count() == 2
