"""Bad input is refused with a clear message, and nothing is half-saved."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.blocks import ImageBlock, KnowledgeCheckBlock, QuestionBlock, StepBlock, VideoBlock
from courses.models import LessonPage, NationalCourse

from .factories import question


@pytest.fixture(autouse=True)
def english(request):
    """The messages are checked as written; the Vietnamese catalogue is
    checked for completeness elsewhere."""
    if "staff_client" in request.fixturenames:
        request.getfixturevalue("staff_client").cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def errors_of(block, value) -> str:
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(value))
    return str(
        caught.value.as_json_data() if hasattr(caught.value, "as_json_data") else caught.value
    )


@pytest.fixture
def image(db):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(title="Ảnh", file=get_test_image_file())


def test_an_image_needs_alt_text(image):
    message = errors_of(ImageBlock(), {"image": image.pk, "alt": "  ", "caption": ""})
    assert "alt text" in message
    ImageBlock().clean(ImageBlock().to_python({"image": image.pk, "alt": "Mã QR", "caption": ""}))


def test_a_step_screenshot_needs_alt_text(image):
    message = errors_of(
        StepBlock(), {"text": "<p>Bấm nút</p>", "screenshot": image.pk, "screenshot_alt": ""}
    )
    assert "alt text" in message


def test_a_question_needs_a_correct_answer():
    message = errors_of(QuestionBlock(), question(answers=(("A", False), ("B", False))))
    assert "at least one answer as correct" in message


def test_a_single_choice_question_has_exactly_one_correct_answer():
    message = errors_of(QuestionBlock(), question(answers=(("A", True), ("B", True))))
    assert "exactly one correct answer" in message
    QuestionBlock().clean(
        QuestionBlock().to_python(question(kind="multiple", answers=(("A", True), ("B", True))))
    )


@pytest.mark.parametrize("mark", [-1, 101])
def test_pass_mark_is_between_0_and_100(mark):
    value = {"title": "", "pass_mark": mark, "questions": [question()]}
    assert "pass_mark" in errors_of(KnowledgeCheckBlock(), value)


def test_a_video_needs_exactly_one_source():
    value = {"title": "Video", "embed": None, "file": None, "transcript": "Lời thoại"}
    assert "either a video link or a video file" in errors_of(VideoBlock(), value)


def test_the_admin_refuses_a_lesson_with_an_image_without_alt_text(staff_client, course, image):
    count = LessonPage.objects.count()
    data = nested_form_data(
        {
            "title": "Bài có ảnh",
            "slug": "bai-co-anh",
            "summary": "",
            "estimated_minutes": 10,
            "required": "on",
            "body": streamfield(
                [
                    ("text", rich_text("<p>Xem ảnh.</p>")),
                    ("image", {"image": image.pk, "alt": "", "caption": ""}),
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = staff_client.post(f"/admin/pages/add/courses/lessonpage/{course.pk}/", data)
    assert response.status_code == 200
    assert "describe the image for people who cannot see it" in response.content.decode()
    assert LessonPage.objects.count() == count


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://binhdanhocvuso.gov.vn/khoa-hoc/1", "https://"),
        ("https://binhdanhocvuso.example.com/khoa-hoc/1", "is not an allowed national platform"),
        ("https://binhdanhocvuso.gov.vn@evil.example/", "must not contain a user name"),
    ],
)
def test_the_admin_refuses_a_national_course_off_the_allow_list(staff_client, url, message):
    data = {
        "title": "Khóa học lạ",
        "platform": "Không rõ",
        "url": url,
        "course_key": "",
        "description": "",
        "issues_certificate": "on",
        "certificate_hint": "",
        "active": "on",
    }
    response = staff_client.post("/admin/snippets/courses/nationalcourse/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NationalCourse.objects.exists()
