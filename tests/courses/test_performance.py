"""A lesson page costs the same number of queries however big the course is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from .factories import knowledge_check, make_course, make_lesson, question


def body(image, blocks: int) -> list:
    items = []
    for number in range(blocks):
        items += [
            ("heading", f"Phần {number}"),
            ("text", f"<p>Đoạn {number}.</p>"),
            ("image", {"image": image, "alt": f"Ảnh {number}", "caption": ""}),
            (
                "steps",
                {
                    "title": "",
                    "steps": [
                        {"text": "<p>Bấm</p>", "screenshot": image, "screenshot_alt": "Màn hình"}
                    ],
                },
            ),
            ("tip", {"text": "<p>Mẹo</p>"}),
        ]
    items.append(knowledge_check(*[question(f"Câu {n}?") for n in range(blocks)]))
    return items


def queries_for(client, url) -> int:
    client.get(url)  # first view creates image renditions
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_lesson_queries_do_not_grow_with_lessons_or_blocks(client, catalogue, settings):
    settings.PAGE_CACHE_TIMEOUT = 0  # measure the page itself, not the cache
    images = get_image_model()
    small_image = images.objects.create(title="Nhỏ", file=get_test_image_file())
    big_image = images.objects.create(title="Lớn", file=get_test_image_file())
    small = make_course(catalogue, title="Khóa nhỏ")
    make_lesson(small, title="Mở đầu", slug="mo-dau")
    small_lesson = make_lesson(small, title="Bài nhỏ", slug="bai", body=body(small_image, 1))
    big = make_course(catalogue, title="Khóa lớn")
    for number in range(12):
        make_lesson(big, title=f"Bài {number}", slug=f"bai-{number}")
    big_lesson = make_lesson(big, title="Bài lớn", slug="bai", body=body(big_image, 15))
    for number in range(12, 20):
        make_lesson(big, title=f"Bài {number}", slug=f"bai-{number}")

    assert queries_for(client, big_lesson.url) == queries_for(client, small_lesson.url)


@pytest.mark.django_db
def test_course_and_catalogue_queries_do_not_grow_with_lessons(client, catalogue, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    small = make_course(catalogue, title="Khóa nhỏ")
    make_lesson(small, title="Một", slug="mot")
    big = make_course(catalogue, title="Khóa lớn")
    for number in range(15):
        make_lesson(big, title=f"Bài {number}", slug=f"bai-{number}")
    assert queries_for(client, big.url) == queries_for(client, small.url)
    before = queries_for(client, catalogue.url)
    for number in range(10):
        make_course(catalogue, title=f"Khóa thêm {number}")
    assert queries_for(client, catalogue.url) == before
