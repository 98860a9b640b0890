import re
import unicodedata

import pytest

from courses.models import SkillArea

from .factories import (
    NationalCourseFactory,
    SkillAreaFactory,
    TargetGroupFactory,
    make_course,
    make_lesson,
)


def titles(response) -> list[str]:
    return [getattr(item, "title", "") for item in response.context["items"]]


@pytest.fixture
def shelf(catalogue):
    elderly = TargetGroupFactory(name="Người cao tuổi", slug="nguoi-cao-tuoi")
    traders = TargetGroupFactory(name="Tiểu thương", slug="tieu-thuong")
    payment = SkillAreaFactory(name="Thanh toán trực tuyến", slug="thanh-toan")
    pillar = SkillAreaFactory(name="Tiết kiệm số", slug="tiet-kiem-so", kind=SkillArea.Kind.PILLAR)
    phone = make_course(catalogue, title="Dùng điện thoại an toàn")
    phone.target_groups.add(elderly)
    phone.save_revision().publish()
    pay = make_course(catalogue, title="Thanh toán bằng mã QR")
    pay.target_groups.add(traders)
    pay.skill_areas.add(payment, pillar)
    pay.save_revision().publish()
    make_lesson(pay, title="Đăng ký tài khoản ngân hàng", slug="dang-ky")
    national = NationalCourseFactory(title="Đăng ký dịch vụ công trên VNeID")
    national.target_groups.add(elderly)
    NationalCourseFactory(title="Khóa đã ẩn", active=False)
    return {"phone": phone, "pay": pay, "national": national}


def test_catalogue_lists_local_then_national_courses(client, catalogue, shelf):
    response = client.get(catalogue.url)
    assert response.status_code == 200
    assert titles(response) == [
        "Dùng điện thoại an toàn",
        "Thanh toán bằng mã QR",
        "Đăng ký dịch vụ công trên VNeID",
    ]
    html = response.content.decode()
    assert html.count("badge--external") == 1
    assert "Khóa đã ẩn" not in html
    # The national card links to our redirect, which leads to the catalogued URL.
    card = html[html.index("card--external") :]
    href = re.search(r'class="card__title"><a href="([^"]+)"', card).group(1)
    assert href.startswith("/")
    leave = client.get(href)
    assert leave.status_code == 302
    assert leave["Location"] == shelf["national"].url


def test_drafts_are_not_listed(client, catalogue, shelf):
    shelf["phone"].unpublish()
    assert "Dùng điện thoại an toàn" not in titles(client.get(catalogue.url))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("group=nguoi-cao-tuoi", ["Dùng điện thoại an toàn", "Đăng ký dịch vụ công trên VNeID"]),
        ("skill=thanh-toan", ["Thanh toán bằng mã QR"]),
        ("pillar=tiet-kiem-so", ["Thanh toán bằng mã QR"]),
        ("source=local", ["Dùng điện thoại an toàn", "Thanh toán bằng mã QR"]),
        ("source=national", ["Đăng ký dịch vụ công trên VNeID"]),
    ],
)
def test_filters(client, catalogue, shelf, query, expected):
    assert titles(client.get(f"{catalogue.url}?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thanh toan", ["Thanh toán bằng mã QR"]),
        ("THANH TOÁN", ["Thanh toán bằng mã QR"]),
        ("dang ky", ["Đăng ký tài khoản ngân hàng", "Đăng ký dịch vụ công trên VNeID"]),
        ("Đăng ký", ["Đăng ký tài khoản ngân hàng", "Đăng ký dịch vụ công trên VNeID"]),
        ("đien thoai", ["Dùng điện thoại an toàn"]),
        ("vneid dang", ["Đăng ký dịch vụ công trên VNeID"]),
        ("khong co gi", []),
    ],
)
def test_search_ignores_diacritics_and_d_with_stroke(client, catalogue, shelf, query, expected):
    response = client.get(catalogue.url, {"q": query})
    assert titles(response) == expected


def test_search_normalises_decomposed_input(client, catalogue, shelf):
    decomposed = unicodedata.normalize("NFD", "Thanh toán")
    assert titles(client.get(catalogue.url, {"q": decomposed})) == ["Thanh toán bằng mã QR"]


def test_text_stored_from_any_keyboard_is_found(client, catalogue):
    make_course(catalogue, title=unicodedata.normalize("NFD", "Tiết kiệm số"), slug="tiet-kiem")
    assert titles(client.get(catalogue.url, {"q": "tiet kiem"})) == ["Tiết kiệm số"]


def test_search_respects_filters(client, catalogue, shelf):
    response = client.get(catalogue.url, {"q": "dang ky", "source": "national"})
    assert titles(response) == ["Đăng ký dịch vụ công trên VNeID"]


def test_pagination_keeps_the_filters(client, catalogue):
    catalogue.per_page = 2
    catalogue.save_revision().publish()
    for number in range(5):
        NationalCourseFactory(title=f"Khóa {number}")
    response = client.get(catalogue.url, {"source": "national"})
    assert titles(response) == ["Khóa 0", "Khóa 1"]
    html = response.content.decode()
    assert "source=national&amp;page=2" in html
    assert titles(client.get(catalogue.url, {"source": "national", "page": 3})) == ["Khóa 4"]


def test_unknown_filter_values_show_everything_with_an_error_free_page(client, catalogue, shelf):
    response = client.get(catalogue.url, {"group": "khong-ton-tai"})
    assert response.status_code == 200
    assert titles(response) == titles(client.get(catalogue.url))  # as if unfiltered
    assert len(titles(response)) == 3
    html = response.content.decode()
    assert "field__error" not in html and 'aria-invalid="true"' not in html
    assert 'name="group" id="id_group"' in html  # and the filter is back at "everyone"


def test_unpublished_edits_are_not_searchable(client, catalogue, shelf):
    page = shelf["phone"]
    page.title = "Tiêu đề bản nháp bí mật"
    page.save_revision()
    assert titles(client.get(catalogue.url, {"q": "ban nhap bi mat"})) == []
    assert titles(client.get(catalogue.url, {"q": "dien thoai"})) == ["Dùng điện thoại an toàn"]
