import pytest

from .factories import make_catalogue, make_course, make_lesson
from .factories import with_authenticator as _with_authenticator


@pytest.fixture
def catalogue(db):
    return make_catalogue()


@pytest.fixture
def course(catalogue):
    course = make_course(catalogue, title="Thanh toán không dùng tiền mặt")
    make_lesson(course, title="Đăng ký ví điện tử", slug="bai-1")
    make_lesson(course, title="Quét mã QR", slug="bai-2")
    make_lesson(course, title="Kiểm tra số dư", slug="bai-3")
    return course


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(_with_authenticator(admin_user))
    return client


@pytest.fixture
def with_authenticator():
    return _with_authenticator
