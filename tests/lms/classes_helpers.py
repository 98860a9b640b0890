"""Shared set-up for the class, completion and export tests: two communes with
two villages each, a course of three lessons, and staff in each place."""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import dataclass
from html import unescape

from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from courses.models import CoursePage, LessonPage, TargetGroup
from lms.learning.services.records import event_record
from lms.models import Learner, Place, Role
from lms.models.classes import TrainingClass
from tests.courses.factories import make_catalogue, make_course, make_lesson
from tests.lms.factories import LearnerFactory, UserFactory, place_tree, staff

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass
class World:
    places: dict[str, Place]
    course: CoursePage
    lessons: list[LessonPage]
    trainer_a1: object
    trainer_b1: object
    manager_a: object
    learners_a1: list[Learner]
    learners_a2: list[Learner]
    learners_b1: list[Learner]
    class_a1: TrainingClass
    class_b1: TrainingClass


def learners(village: Place, names: list[str]) -> list[Learner]:
    return [LearnerFactory(village=village, full_name=name) for name in names]


def class_trainer(username: str = "tinh-nguyen-vien"):
    """An account whose only scope is the classes it teaches."""
    user = UserFactory(username=username)
    TOTP.activate(user, TOTP_SECRET)
    return user


def build_world(*, course_title: str = "Thanh toán không dùng tiền mặt") -> World:
    places = place_tree()
    catalogue = make_catalogue()
    course = make_course(catalogue, title=course_title)
    lessons = [
        make_lesson(course, title="Đăng ký ví điện tử", slug="bai-1"),
        make_lesson(course, title="Quét mã QR", slug="bai-2"),
        make_lesson(course, title="Kiểm tra số dư", slug="bai-3"),
    ]
    trainer_a1 = staff(Role.TRAINER, places["a1"])
    trainer_b1 = staff(Role.TRAINER, places["b1"])
    manager_a = staff(Role.MANAGER, places["commune_a"])
    learners_a1 = learners(places["a1"], ["Nguyễn Thị Lan", "Trần Văn Đức", "Lê Thị Hoa"])
    learners_a2 = learners(places["a2"], ["Phạm Văn Bình"])
    learners_b1 = learners(places["b1"], ["Đặng Thị Mai", "Võ Văn Dũng"])
    class_a1 = TrainingClass.objects.create(name="Lớp ví điện tử Khóm 1", place=places["a1"])
    class_a1.trainers.add(trainer_a1)
    class_a1.learners.add(*learners_a1)
    class_a1.courses.add(course)
    class_b1 = TrainingClass.objects.create(name="Lớp Thôn Một", place=places["b1"])
    class_b1.trainers.add(trainer_b1)
    class_b1.learners.add(*learners_b1)
    class_b1.courses.add(course)
    return World(
        places=places,
        course=course,
        lessons=lessons,
        trainer_a1=trainer_a1,
        trainer_b1=trainer_b1,
        manager_a=manager_a,
        learners_a1=learners_a1,
        learners_a2=learners_a2,
        learners_b1=learners_b1,
        class_a1=class_a1,
        class_b1=class_b1,
    )


MARCH = datetime.date(2026, 3, 5)
JUNE = datetime.date(2026, 6, 10)
# "Today" for a test whose expected figures put the accounts it makes now in
# the same year as MARCH and JUNE (the ``clock_in_data_year`` fixture): 10:00
# in Vietnam, after every date above. A fixed offset, not a zone, so the
# process's TZ stays as Django set it.
DATA_TODAY = datetime.datetime(
    2026, 12, 2, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
)


def at(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(10, 0)))


def complete(learner, lessons, date):
    for lesson in lessons:
        event_record(
            event_id=uuid.uuid4(),
            learner=learner,
            verb="completed",
            occurred_at=at(date),
            source="web",
            lesson=lesson,
        )


def completion_world() -> World:
    """The classes world with learning recorded: Lan completes the course in
    March, Đức one lesson in June, Bình (Khóm 2) two lessons in March, Mai
    (commune B) the course in June; Lan and Đức are elderly."""
    world = build_world()
    lan, duc, _hoa = world.learners_a1
    complete(lan, world.lessons, MARCH)  # completes the course in March
    complete(duc, world.lessons[:1], JUNE)
    complete(world.learners_a2[0], world.lessons[:2], MARCH)
    complete(world.learners_b1[0], world.lessons, JUNE)
    elderly = TargetGroup.objects.create(name="Người cao tuổi", slug="nguoi-cao-tuoi")
    lan.target_groups.add(elderly)
    duc.target_groups.add(elderly)
    return world


def table(response) -> list[list[str]]:
    """The report table as rows of cell texts, header first."""
    html = response.content.decode()
    body = html[html.index('<table class="report-table">') : html.index("</table>")]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, flags=re.S)
        rows.append([unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells])
    return rows
