"""The same diacritic-insensitive search, asserted to run on PostgreSQL."""

import pytest
from django.db import connection

from .factories import NationalCourseFactory, make_course, make_lesson

pytestmark = pytest.mark.services


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thanh toan", {"Thanh toán bằng mã QR"}),
        ("dang ky", {"Đăng ký VNeID", "Đăng ký dịch vụ công"}),
        ("ĐĂNG KÝ vneid", {"Đăng ký VNeID"}),
    ],
)
def test_search_without_diacritics_on_postgresql(postgres, client, catalogue, query, expected):
    assert connection.vendor == "postgresql"
    course = make_course(catalogue, title="Thanh toán bằng mã QR")
    make_lesson(course, title="Đăng ký VNeID", slug="dang-ky-vneid")
    NationalCourseFactory(title="Đăng ký dịch vụ công")
    response = client.get(catalogue.url, {"q": query})
    assert {item.title for item in response.context["items"]} == expected
