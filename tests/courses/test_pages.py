import pytest
from wagtail.models import Page

from cms.models import HomePage
from courses.models import (
    CataloguePage,
    CoursePage,
    FourTProgramPage,
    LessonPage,
    ProgramCourse,
    SkillArea,
)
from tests.wagtail_admin import assert_refused

from .factories import knowledge_check, make_course, make_lesson, publish, question


def test_lessons_live_only_under_a_course(catalogue, course):
    assert LessonPage.allowed_parent_page_models() == [CoursePage]
    assert not LessonPage.can_create_at(catalogue)
    assert not LessonPage.can_create_at(HomePage.objects.get())
    assert LessonPage.can_create_at(course)
    assert LessonPage.allowed_subpage_models() == []


def test_courses_live_under_the_catalogue_or_the_4t_program(catalogue, course):
    assert set(CoursePage.allowed_parent_page_models()) == {CataloguePage, FourTProgramPage}
    assert CoursePage.allowed_subpage_models() == [LessonPage]
    assert not CoursePage.can_create_at(course)


def test_one_catalogue_per_site(catalogue):
    assert not CataloguePage.can_create_at(HomePage.objects.get())


def test_admin_refuses_a_lesson_outside_a_course(staff_client, catalogue):
    url = f"/admin/pages/add/courses/lessonpage/{catalogue.pk}/"
    for response in (staff_client.get(url), staff_client.post(url, {"title": "Lạc chỗ"})):
        assert_refused(response)
    assert not LessonPage.objects.exists()


def test_lesson_pages_are_live_and_in_editor_order(course):
    draft = LessonPage(title="Bản nháp", slug="ban-nhap", body=[])
    course.add_child(instance=draft)
    draft.unpublish() if draft.live else None
    LessonPage.objects.filter(pk=draft.pk).update(live=False)
    titles = [lesson.title for lesson in course.lesson_pages()]
    assert titles == ["Đăng ký ví điện tử", "Quét mã QR", "Kiểm tra số dư"]


def test_required_lesson_ids_leave_out_optional_lessons(course):
    optional = make_lesson(course, title="Đọc thêm", slug="doc-them", required=False)
    ids = course.required_lesson_ids()
    assert optional.pk not in ids
    assert len(ids) == 3


def test_a_lesson_knows_its_course_and_its_check(course):
    lesson = make_lesson(
        course,
        title="Bài có câu hỏi",
        slug="cau-hoi",
        body=[
            ("text", "<p>Đọc kỹ.</p>"),
            knowledge_check(
                question("Chọn một?"),
                question("Chọn nhiều?", "multiple", (("A", True), ("B", True), ("C", False))),
                pass_mark=80,
            ),
        ],
    )
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.course.pk == course.pk
    assert lesson.knowledge_check_pass_mark == 80
    questions = lesson.knowledge_check_questions()
    assert [q["multiple"] for q in questions] == [False, True]
    assert [o["correct"] for o in questions[1]["options"]] == [True, True, False]
    assert questions[0]["options"][0]["explanation"] == "Giải thích: Đúng"
    # Ids are stable: the same after reloading the page from the database.
    again = LessonPage.objects.get(pk=lesson.pk).knowledge_check_questions()
    assert [q["id"] for q in again] == [q["id"] for q in questions]
    assert all(o["id"] for q in questions for o in q["options"])


def test_a_lesson_without_a_check_has_no_questions(course):
    lesson = course.lesson_pages().first()
    assert lesson.knowledge_check_questions() == []
    assert lesson.knowledge_check_pass_mark is None


def test_course_final_check(catalogue):
    course = make_course(
        catalogue,
        title="Có bài kiểm tra cuối",
        final_check=[knowledge_check(question("Cuối khóa?"), pass_mark=60)],
    )
    assert course.final_check_pass_mark == 60
    assert course.final_check_questions()[0]["text"] == "Cuối khóa?"


def test_4t_program_groups_courses_by_pillar(catalogue):
    pillars = [
        SkillArea.objects.create(name=name, slug=f"tru-cot-{i}", kind="pillar", sort_order=i)
        for i, name in enumerate(
            ["Tiểu thương", "Thương mại điện tử", "Thanh toán", "Tiết kiệm số"]
        )
    ]
    program = publish(catalogue, FourTProgramPage(title="Mô hình 4T", slug="4t"))
    trade = make_course(program, title="Bán hàng qua Zalo")
    saving = make_course(program, title="Tiết kiệm an toàn")
    ProgramCourse.objects.create(program=program, pillar=pillars[0], course=trade)
    ProgramCourse.objects.create(program=program, pillar=pillars[3], course=saving)
    grouped = FourTProgramPage.objects.get(pk=program.pk).courses_by_pillar()
    assert list(grouped) == pillars
    assert grouped[pillars[0]] == [trade]
    assert grouped[pillars[1]] == []
    assert grouped[pillars[3]] == [saving]
    saving.unpublish()
    assert FourTProgramPage.objects.get(pk=program.pk).courses_by_pillar()[pillars[3]] == []


@pytest.mark.django_db
def test_course_and_lesson_pages_render(client, course):
    response = client.get(course.url)
    html = response.content.decode()
    assert response.status_code == 200
    for title in ("Đăng ký ví điện tử", "Quét mã QR", "Kiểm tra số dư"):
        assert title in html
    first = course.lesson_pages().first()
    response = client.get(first.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'rel="next"' in html and 'rel="prev"' not in html
    assert 'class="prose lesson"' in html


def test_page_is_a_wagtail_page(course):
    assert isinstance(course, Page)


def test_lesson_html_never_reveals_answers(client, course):
    lesson = make_lesson(
        course,
        title="Bài có câu hỏi",
        slug="cau-hoi-html",
        body=[
            knowledge_check(
                question("Mã OTP là gì?", answers=(("Mã một lần", True), ("Tên", False)))
            )
        ],
    )
    html = client.get(lesson.url).content.decode()
    assert "Mã OTP là gì?" in html and "Mã một lần" in html
    assert "Giải thích" not in html  # explanations come from the server after answering
    assert "correct" not in html.lower()
    option_ids = [o["id"] for q in lesson.knowledge_check_questions() for o in q["options"]]
    assert all(f'value="{option_id}"' in html for option_id in option_ids)
