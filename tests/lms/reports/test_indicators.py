"""Indicators per place and target group for a period, against figures worked
out by hand from the fixture below."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import SkillArea
from lms.models import Household
from lms.models.help_log import AmbassadorHelp, HelpOutcome
from tests.lms.classes_helpers import table

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(indicators_world):
    """Not the room's plain completion world (reports/conftest.py) but the
    indicators' one, with identities, households, a national certificate, a
    class session and help logged (tests/lms/conftest.py)."""
    return indicators_world


HEADER = [
    "Place",
    "Learners registered",
    "New learners in the period",
    "Active learners",
    "Lessons completed",
    "Courses completed",
    "National certificates verified",
    "Class sessions held",
    "Attendances",
    "“Gia đình số” households",
    "Share of households",
    "Adults 16+ with a digital identity",
    "Share of adults 16+",
    "Help given by digital ambassadors",
]


@pytest.mark.usefixtures("clock_in_data_year")  # the accounts are registered in 2026 too
def test_commune_indicators_for_the_year(client, world):
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    rows = table(client.get(url, {"from": "2026-01-01", "to": "2026-12-31"}))
    assert rows[0] == HEADER
    by_place = {row[0]: row[1:] for row in rows[1:]}
    assert by_place["Khóm 1"] == [
        "3", "3", "2", "4", "1", "1", "1", "2", "1", "10.0 %", "2", "10.0 %", "2"
    ]  # fmt: skip
    assert by_place["Khóm 2"] == [
        "1", "1", "1", "2", "0", "0", "0", "0", "0", "0.0 %", "0", "0.0 %", "0"
    ]  # fmt: skip
    # The help logged at the commune hall counts in the commune's row only.
    assert by_place["Xã Diên Sanh"] == [
        "4", "4", "3", "6", "1", "1", "1", "2", "1", "6.7 %", "2", "7.1 %", "3"
    ]  # fmt: skip
    assert "Thôn Một" not in by_place and "Đặng Thị Mai" not in str(rows)


def test_commune_indicators_for_march_only(client, world):
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    rows = table(client.get(url, {"from": "2026-03-01", "to": "2026-03-31"}))
    by_place = {row[0]: row[1:] for row in rows[1:]}
    # Nobody was registered yet (the accounts date from today); Lan and Bình
    # learned in March; Đức's June lesson is outside the period.
    assert by_place["Khóm 1"] == [
        "0", "0", "1", "3", "1", "1", "1", "2", "1", "10.0 %", "2", "10.0 %", "1"
    ]  # fmt: skip
    assert by_place["Khóm 2"] == [
        "0", "0", "1", "2", "0", "0", "0", "0", "0", "0.0 %", "0", "0.0 %", "0"
    ]  # fmt: skip


def test_a_household_is_a_digital_family_only_once_its_member_covers_every_skill(client, world):
    SkillArea.objects.create(name="Mua sắm trực tuyến", slug="mua-sam", kind="basic")
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    rows = table(client.get(url))
    assert {row[0]: row[9] for row in rows[1:]}["Khóm 1"] == "0"


def test_digital_family_definition_is_configurable(client, world, settings):
    SkillArea.objects.create(name="Mua sắm trực tuyến", slug="mua-sam", kind="basic")
    settings.HOCVUSO = {**settings.HOCVUSO, "DIGITAL_FAMILY_SKILLS": ["dvc"]}
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    rows = table(client.get(url))
    assert {row[0]: row[9] for row in rows[1:]}["Khóm 1"] == "1"
    assert Household.objects.count() == 2


@pytest.mark.usefixtures("clock_in_data_year")
def test_indicators_by_target_group(client, world):
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators_groups", args=[world.places["commune_a"].pk])
    rows = table(client.get(url, {"from": "2026-01-01", "to": "2026-12-31"}))
    assert rows[1] == ["Người cao tuổi", "2", "2", "1", "50.0 %", "4", "1", "2"]


def test_indicators_take_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    from tests.lms.classes_helpers import learners

    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    client.get(url)

    def count():
        with django_assert_max_num_queries(60) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    small = count()
    learners(world.places["a2"], [f"Người Học {n}" for n in range(25)])
    assert count() <= small + 1  # 25 more learners: per-learner queries would add 25+


def test_indicators_are_scoped_and_export_like_the_screen(client, world):
    from tests.lms.reports.test_exports import csv_rows

    client.force_login(world.trainer_a1)
    for name in ("commune_a", "b1"):
        url = reverse("lms:report_place_indicators", args=[world.places[name].pk])
        assert client.get(url).status_code == 404
        assert client.get(url, {"format": "csv"}).status_code == 404
    url = reverse("lms:report_place_indicators", args=[world.places["a1"].pk])
    screen = table(client.get(url))
    assert csv_rows(client.get(url, {"format": "csv"})) == screen
    assert len(screen) == 2  # a village: its own row


def test_an_ambassador_logs_help_within_their_places(client, world):
    from lms.models import Role
    from tests.lms.factories import staff

    ambassador = staff(Role.AMBASSADOR, world.places["commune_a"], username="dai-su-so")
    client.force_login(ambassador)
    url = reverse("lms:help_log")
    today = timezone.localdate()
    data = {
        "date": (today - datetime.timedelta(days=3)).strftime("%d/%m/%Y"),
        "service": "  Cài   VNeID ",
        "outcome": HelpOutcome.DONE,
    }
    response = client.post(url, {**data, "place": world.places["a2"].pk})
    assert response.status_code == 302
    entry = AmbassadorHelp.objects.get(helper=ambassador)
    assert entry.service == "Cài VNeID" and entry.place == world.places["a2"]
    for bad in (
        {**data, "place": world.places["b1"].pk},
        {**data, "place": world.places["a2"].pk, "date": today + datetime.timedelta(days=1)},
        {**data, "place": world.places["a2"].pk, "date": today - datetime.timedelta(days=400)},
        {**data, "place": world.places["a2"].pk, "outcome": "maybe"},
    ):
        assert client.post(url, bad).status_code == 200
    assert AmbassadorHelp.objects.filter(helper=ambassador).count() == 1
    assert "Cài VNeID" in client.get(url).content.decode()
