"""The staff learner export: the rows of the staff list, as a CSV file that
Excel opens in UTF-8, with the same filter as the screen."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import TargetGroup
from lms.models import DigitalIdStatus, Gender, Role
from lms.people.services import household_create
from tests.lms.factories import LearnerFactory, staff

pytestmark = pytest.mark.django_db

HEADER = [
    "Họ và tên",
    "Năm sinh",
    "Giới tính",
    "Thôn, khu phố",
    "Hộ gia đình",
    "Nhóm đối tượng",
    "Định danh điện tử",
    "Ngày xác nhận",
]


@pytest.fixture
def trainer(client, places):
    user = staff(Role.TRAINER, places["a1"])
    client.force_login(user)
    return user


def export(client, **params):
    response = client.get(reverse("lms:staff_learners_export"), params)
    assert response.status_code == 200
    return response, response.getvalue()


def test_the_export_is_a_utf8_csv_with_a_byte_order_mark(client, trainer, places):
    LearnerFactory(full_name="Nguyễn Thị Lan", village=places["a1"])
    response, body = export(client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="nguoi-hoc.csv"'
    assert "no-store" in response["Cache-Control"]
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert body.count(b"\r\n") == 2  # the header and one learner, as Excel expects


def test_each_learner_is_one_row_with_every_column(client, trainer, places):
    home = household_create(village=places["a1"], name="Hộ bà Lan")
    lan = LearnerFactory(
        full_name="Nguyễn Thị Lan",
        village=places["a1"],
        household=home,
        year_of_birth=1961,
        gender=Gender.FEMALE,
        digital_id_status=DigitalIdStatus.LEVEL_2,
        digital_id_confirmed_by=trainer,
        digital_id_confirmed_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 9, 30)),
    )
    lan.target_groups.set(
        [
            TargetGroup.objects.create(name="Người cao tuổi", slug="nguoi-cao-tuoi"),
            TargetGroup.objects.create(name="Phụ nữ", slug="phu-nu"),
        ]
    )
    LearnerFactory(full_name="Trần Văn Ba", village=places["a1"], year_of_birth=None)
    _response, body = export(client)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1:] == [
        ["Trần Văn Ba", "", "", "Khóm 1", "", "", "Chưa có định danh điện tử", ""],
        [
            "Nguyễn Thị Lan",
            "1961",
            "Nữ",
            "Khóm 1",
            "Hộ bà Lan",
            "Người cao tuổi; Phụ nữ",
            "VNeID mức 2",
            "05/03/2026",
        ],
    ]


def test_the_export_follows_the_name_search_of_the_list(client, trainer, places):
    LearnerFactory(full_name="Nguyễn Thị Lan", village=places["a1"])
    LearnerFactory(full_name="Trần Văn Ba", village=places["a1"])
    _response, body = export(client, q="thi LAN")
    names = [row[0] for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))][1:]
    assert names == ["Nguyễn Thị Lan"]


def test_the_confirmation_date_is_the_local_day(client, trainer, places):
    """Confirmed at 6:30 in Vietnam is the evening before in UTC: the file
    says the day the trainer saw on their clock."""
    LearnerFactory(
        full_name="Lê Thị Hoa",
        village=places["a1"],
        digital_id_status=DigitalIdStatus.LEVEL_1,
        digital_id_confirmed_by=trainer,
        digital_id_confirmed_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 6, 30)),
    )
    _response, body = export(client)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][-1] == "05/03/2026"
