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
    "Adults 16+ with VNeID level 1",
    "Adults 16+ with VNeID level 2",
    "Share of adults 16+ with level 2",
    "Adults 16+ whose digital identity staff confirmed",
    "Help given by digital ambassadors",
]


@pytest.mark.usefixtures("clock_in_data_year")  # the accounts are registered in 2026 too
def test_commune_indicators_for_the_year(client, world):
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    rows = table(client.get(url, {"from": "2026-01-01", "to": "2026-12-31"}))
    assert rows[0] == HEADER
    by_place = {row[0]: row[1:] for row in rows[1:]}
    # The year runs to today: today's identities. Khóm 1: Đức VNeID 1, Lan
    # VNeID 2 confirmed, of 20 adults; Khóm 2: Bình took his back.
    assert by_place["Khóm 1"] == [
        "3", "3", "2", "4", "1", "1", "1", "2", "1", "10.0 %", "1", "1", "5.0 %", "1", "2"
    ]  # fmt: skip
    assert by_place["Khóm 2"] == [
        "1", "1", "1", "2", "0", "0", "0", "0", "0", "0.0 %", "0", "0", "0.0 %", "0", "0"
    ]  # fmt: skip
    # The help logged at the commune hall counts in the commune's row only;
    # 1 of the commune's 28 adults has VNeID 2.
    assert by_place["Xã Diên Sanh"] == [
        "4", "4", "3", "6", "1", "1", "1", "2", "1", "6.7 %", "1", "1", "3.6 %", "1", "3"
    ]  # fmt: skip
    assert "Thôn Một" not in by_place and "Đặng Thị Mai" not in str(rows)


def test_commune_indicators_for_march_only(client, world):
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    rows = table(client.get(url, {"from": "2026-03-01", "to": "2026-03-31"}))
    by_place = {row[0]: row[1:] for row in rows[1:]}
    # Nobody was registered yet (the accounts date from today); Lan and Bình
    # learned in March; Đức's June lesson is outside the period. Identities
    # as they were on 31/03: Lan VNeID 2 (confirmed on 20/03), Bình VNeID 2
    # (declared; he took it back in June), Đức none yet.
    assert by_place["Khóm 1"] == [
        "0", "0", "1", "3", "1", "1", "1", "2", "1", "10.0 %", "0", "1", "5.0 %", "1", "1"
    ]  # fmt: skip
    assert by_place["Khóm 2"] == [
        "0", "0", "1", "2", "0", "0", "0", "0", "0", "0.0 %", "0", "1", "12.5 %", "0", "0"
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
    # Lan (VNeID 2, confirmed) and Đức (VNeID 1) are elderly.
    assert rows[1] == ["Người cao tuổi", "2", "2", "1", "50.0 %", "4", "1", "1", "1", "1"]


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


# --- Digital identities: today's for a period to today, the history's for a past one ---------

DIGITAL_ID = slice(11, 15)  # level 1, level 2, share with level 2, confirmed


def digital_ids(client, world, place="commune_a", **period) -> dict[str, list[str]]:
    url = reverse("lms:report_place_indicators", args=[world.places[place].pk])
    return {row[0]: row[DIGITAL_ID] for row in table(client.get(url, period))[1:]}


def test_a_past_quarter_counts_the_identities_held_at_its_end(client, world):
    client.force_login(world.manager_a)
    # On 30/06: Lan VNeID 2 (confirmed), Đức VNeID 1 (10/06), Bình none again (15/06).
    q2 = digital_ids(client, world, **{"from": "2026-04-01", "to": "2026-06-30"})
    assert q2["Khóm 1"] == ["1", "1", "5.0 %", "1"]
    assert q2["Khóm 2"] == ["0", "0", "0.0 %", "0"]
    # On 10/03: Lan had declared VNeID 1 only, Bình VNeID 2.
    early = digital_ids(client, world, **{"from": "2026-03-01", "to": "2026-03-10"})
    assert early["Khóm 1"] == ["1", "0", "0.0 %", "0"]
    assert early["Khóm 2"] == ["0", "1", "12.5 %", "0"]
    assert early["Xã Diên Sanh"] == ["1", "1", "3.6 %", "0"]


def test_a_past_quarters_figure_is_unchanged_after_a_status_changes_today(client, world):
    from lms.models import DigitalIdStatus
    from lms.people.services import digital_id_set

    client.force_login(world.manager_a)
    q1 = {"from": "2026-01-01", "to": "2026-03-31"}
    before = digital_ids(client, world, **q1)
    assert before["Khóm 1"] == ["0", "1", "5.0 %", "1"]
    lan, duc, hoa = world.learners_a1
    digital_id_set(learner=lan, status=DigitalIdStatus.NONE, by=lan.user, confirmed=False)
    digital_id_set(learner=duc, status=DigitalIdStatus.LEVEL_2, by=world.trainer_a1, confirmed=True)
    digital_id_set(learner=hoa, status=DigitalIdStatus.LEVEL_1, by=hoa.user, confirmed=False)
    assert digital_ids(client, world, **q1) == before
    # Today's figures (all time) follow the change: Hoa 1; Đức 2, confirmed.
    assert digital_ids(client, world)["Khóm 1"] == ["1", "1", "5.0 %", "1"]


def test_only_adults_by_the_end_of_the_period_count(clock_in_data_year, client, world):
    """Ages are reckoned in the year the period ends; for all time, this
    year (the clock in 2026, the year of the fixture's dates)."""
    from lms.models import DigitalIdStatus
    from lms.people.services import digital_id_set
    from tests.lms.factories import LearnerFactory

    for year in (2010, 2011):  # 16 and 15 in 2026
        learner = LearnerFactory(village=world.places["a2"], year_of_birth=year)
        digital_id_set(
            learner=learner,
            status=DigitalIdStatus.LEVEL_1,
            by=learner.user,
            confirmed=False,
            at=timezone.make_aware(datetime.datetime(2026, 1, 2, 9, 0)),
        )
    client.force_login(world.manager_a)
    assert digital_ids(client, world, **{"from": "2026-01-01", "to": "2026-03-31"})["Khóm 2"] == [
        "1",
        "1",
        "12.5 %",
        "0",
    ]  # the one born in 2010, and Bình
    assert digital_ids(client, world)["Khóm 2"] == ["1", "0", "0.0 %", "0"]


def test_a_past_period_takes_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    from lms.models import DigitalIdStatus
    from lms.people.services import digital_id_set
    from tests.lms.classes_helpers import learners

    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    q1 = {"from": "2026-01-01", "to": "2026-03-31"}
    client.get(url, q1)

    def count():
        with django_assert_max_num_queries(60) as context:
            assert client.get(url, q1).status_code == 200
        return len(context.captured_queries)

    small = count()
    for learner in learners(world.places["a2"], [f"Người Học {n}" for n in range(25)]):
        for status, day in ((DigitalIdStatus.LEVEL_1, 2), (DigitalIdStatus.LEVEL_2, 20)):
            when = timezone.make_aware(datetime.datetime(2026, 2, day, 9, 0))
            digital_id_set(
                learner=learner, status=status, by=learner.user, confirmed=False, at=when
            )
    assert count() <= small + 1
    assert digital_ids(client, world, **q1)["Khóm 2"][1] == "26"  # and Bình
