"""Course fixtures and shortcuts for the learning-record tests."""

import uuid

from django.utils import timezone

from courses.models import FourTProgramPage, SkillArea
from courses.models.pages import ProgramCourse
from lms.learning.services.records import event_record
from lms.models import Source, Verb
from tests.courses.factories import (
    knowledge_check,
    make_catalogue,
    make_course,
    make_lesson,
    publish,
    question,
)
from tests.lms.factories import LearnerFactory, place_tree


def new_learner(**kwargs):
    places = place_tree()
    return LearnerFactory(village=places["a1"], **kwargs)


def check_body(pass_mark=50):
    return [
        ("text", "<p>Đọc kỹ trước khi trả lời.</p>"),
        knowledge_check(
            question(
                "Mã OTP có được đưa cho người khác không?", answers=(("Không", True), ("Có", False))
            ),
            question(
                "Cách nào an toàn?",
                kind="multiple",
                answers=(
                    ("Đặt mật khẩu mạnh", True),
                    ("Bật xác thực hai lớp", True),
                    ("Dùng chung mật khẩu", False),
                ),
            ),
            pass_mark=pass_mark,
        ),
    ]


def build_course(
    title="Thanh toán không dùng tiền mặt",
    *,
    lessons=3,
    optional=0,
    final=False,
    check_lesson=False,
    parent=None,
):
    parent = parent or make_catalogue()
    fields = {}
    if final:
        fields["final_check"] = [knowledge_check(question("Câu cuối?"), pass_mark=100)]
    course = make_course(parent, title=title, **fields)
    pages = []
    for number in range(1, lessons + 1):
        body = check_body() if (check_lesson and number == lessons) else None
        pages.append(make_lesson(course, title=f"Bài {number}", slug=f"bai-{number}", body=body))
    for number in range(1, optional + 1):
        pages.append(
            make_lesson(
                course, title=f"Bài thêm {number}", slug=f"bai-them-{number}", required=False
            )
        )
    return course, pages


def right_answers(questions):
    return {q["id"]: sorted(o["id"] for o in q["options"] if o["correct"]) for q in questions}


def wrong_answers(questions):
    return {q["id"]: [next(o["id"] for o in q["options"] if not o["correct"])] for q in questions}


def record(learner, verb=Verb.COMPLETED, *, event_id=None, when=None, source=Source.WEB, **kwargs):
    return event_record(
        event_id=event_id or uuid.uuid4(),
        learner=learner,
        verb=verb,
        occurred_at=when or timezone.now(),
        source=source,
        **kwargs,
    )


def build_program():
    catalogue = make_catalogue()
    program = publish(catalogue, FourTProgramPage(title="Chương trình 4T", slug="4t"))
    pillars = []
    for number in range(1, 5):
        pillar, _ = SkillArea.objects.get_or_create(
            slug=f"tru-cot-{number}",
            defaults={"name": f"Trụ cột {number}", "kind": SkillArea.Kind.PILLAR},
        )
        pillars.append(pillar)
    courses = []
    for number, pillar in enumerate(pillars, start=1):
        course, lessons = build_course(title=f"Khóa 4T {number}", lessons=1, parent=program)
        ProgramCourse.objects.create(
            program=program, pillar=pillar, course=course, sort_order=number
        )
        courses.append((course, lessons))
    return program, courses
