import pytest

from .factories import make_catalogue, make_course, make_lesson


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


def _with_authenticator(user):
    """Staff pages ask for a second factor; give the account one."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(_with_authenticator(admin_user))
    return client


@pytest.fixture
def with_authenticator():
    return _with_authenticator
