"""A verified national certificate counts as learning wherever local learning
counts: courses completed, people trained (once per learner), by course, by
target group and, through the national course's skill areas, the "Gia đình
số" households. The figures are worked out by hand from the fixture below,
for periods the tallies answer (a quarter) and periods counted from the raw
rows (the same quarter less its last day), and stay the same after the
derived state is rebuilt from the event log."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from courses.models import NationalCourse, SkillArea
from lms.learning.services.records import learning_state_rebuild
from lms.models import CertificateClaim, LearnerTally, NationalCompletion
from lms.national.services import certificate_claim_decide
from lms.people.services.people import household_create
from tests.lms.classes_helpers import at, table

pytestmark = pytest.mark.django_db

Q1 = {"from": "2026-01-01", "to": "2026-03-31"}
Q2 = {"from": "2026-04-01", "to": "2026-06-30"}
# Not a whole quarter: counted from the raw rows. Nothing happens on 30 June.
Q2_RAW = {"from": "2026-04-01", "to": "2026-06-29"}
YEAR = {"from": "2026-01-01", "to": "2026-12-31"}

# Columns of the indicators table (after the place's name).
ACTIVE, COURSES, CERTIFICATES, FAMILIES = 2, 4, 5, 8


def verify(learner, course, date, reviewer):
    """The learner claims the national course's certificate and the trainer
    verifies it on ``date`` (10:00), through the review service."""
    claim = CertificateClaim.objects.create(
        learner=learner,
        course=course,
        certificate_number=f"BDHVS-{learner.pk}-{course.pk}",
        number_key=f"bdhvs{learner.pk}{course.pk}",
        issued_on=date - datetime.timedelta(days=2),
        file_name="a.pdf",
        file_kind="pdf",
        file_size=1000,
        file_sha256=f"{learner.pk:032d}{course.pk:032d}",
    )
    with time_machine.travel(at(date), tick=False):
        certificate_claim_decide(claim_id=claim.pk, reviewer=reviewer, decision="approved")


@pytest.fixture
def world(indicators_world):
    """The indicators' world (tests/lms/conftest.py: Lan completed the local
    course, which teaches both basic skills, in March; Đức a lesson in June;
    Lan and Đức are elderly), plus two national courses, one per basic skill:
    Lan verified in "Dịch vụ công" on 20/03 (she is trained already: she
    counts once); Hoa, with no local learning, in "Dịch vụ công" on 10/04 and
    "Thanh toán" on 12/05 (her household becomes a digital family by May);
    Đức in "Thanh toán" on 15/06 (one skill: no digital family)."""
    world = indicators_world
    lan, duc, hoa = world.learners_a1
    hoa.household = household_create(village=world.places["a1"], name="Hộ bà Hoa")
    hoa.save()
    public_services = NationalCourse.objects.create(
        title="Dịch vụ công trực tuyến", url="https://binhdanhocvuso.gov.vn/khoa-hoc/dvc"
    )
    public_services.skill_areas.set([SkillArea.objects.get(slug="dvc")])
    payments = NationalCourse.objects.create(
        title="Thanh toán số", url="https://binhdanhocvuso.gov.vn/khoa-hoc/thanh-toan"
    )
    payments.skill_areas.set([SkillArea.objects.get(slug="thanh-toan")])
    verify(lan, public_services, datetime.date(2026, 3, 20), world.trainer_a1)
    verify(hoa, public_services, datetime.date(2026, 4, 10), world.trainer_a1)
    verify(hoa, payments, datetime.date(2026, 5, 12), world.trainer_a1)
    verify(duc, payments, datetime.date(2026, 6, 15), world.trainer_a1)
    return world


def indicators(client, world, period) -> dict[str, list[str]]:
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators", args=[world.places["commune_a"].pk])
    return {row[0]: row[1:] for row in table(client.get(url, period))[1:]}


def pick(row, *columns):
    return [row[column] for column in columns]


def test_national_courses_count_as_courses_completed_and_families(client, world):
    q1 = indicators(client, world, Q1)
    # Lan: the local course and "Dịch vụ công"; the fixture's certificate of
    # 10/03 (a claim approved without its event) and hers of 20/03.
    assert pick(q1["Khóm 1"], ACTIVE, COURSES, CERTIFICATES, FAMILIES) == ["1", "2", "2", "1"]
    q2 = indicators(client, world, Q2)
    # Hoa twice, Đức once; by the end of June Hoa's household joins Lan's.
    assert pick(q2["Khóm 1"], ACTIVE, COURSES, CERTIFICATES, FAMILIES) == ["2", "3", "3", "2"]
    assert q2["Khóm 1"][FAMILIES + 1] == "20.0 %"  # 2 of the village's 10 households
    assert pick(q2["Xã Diên Sanh"], COURSES, FAMILIES) == ["3", "2"]
    assert indicators(client, world, Q2_RAW) == q2  # the raw rows say the same
    year = indicators(client, world, YEAR)
    assert pick(year["Khóm 1"], ACTIVE, COURSES, CERTIFICATES, FAMILIES) == ["3", "5", "5", "2"]


def test_a_household_is_a_digital_family_from_the_month_its_member_covers_every_skill(
    client, world
):
    april = indicators(client, world, {"from": "2026-04-01", "to": "2026-04-30"})
    assert april["Khóm 1"][FAMILIES] == "1"  # Hoa has "Dịch vụ công" only: Lan's household
    may = indicators(client, world, {"from": "2026-05-01", "to": "2026-05-31"})
    assert may["Khóm 1"][FAMILIES] == "2"


@pytest.mark.usefixtures("clock_in_data_year")  # the accounts are registered in 2026
def test_people_trained_by_target_group_count_a_learner_once(client, world):
    client.force_login(world.manager_a)
    url = reverse("lms:report_place_indicators_groups", args=[world.places["commune_a"].pk])
    # Elderly: Lan (local and national, once) and Đức (national only).
    rows = table(client.get(url, YEAR))
    assert rows[1] == ["Người cao tuổi", "2", "2", "2", "100.0 %", "4", "3", "1", "1", "1"]
    for period, trained in ((Q1, "1"), (Q2, "1"), (Q2_RAW, "1")):
        assert table(client.get(url, period))[1][3] == trained, period


def test_completion_reports_count_national_courses(client, world):
    client.force_login(world.manager_a)
    commune = world.places["commune_a"]
    place_url = reverse("lms:report_place", args=[commune.pk])
    for period in (Q2, Q2_RAW):
        rows = {row[0]: row[1:] for row in table(client.get(place_url, period))[1:]}
        # Learners, who completed a lesson, lessons, who completed a course, share, courses.
        assert rows["Khóm 1"][3:] == ["2", "66.7 %", "3"], period
        assert rows["Total"][3:] == ["2", "50.0 %", "3"], period
    village = table(client.get(reverse("lms:report_place", args=[world.places["a1"].pk]), Q2))
    courses_done = {row[0]: row[3] for row in village[1:]}
    assert courses_done == {"Lê Thị Hoa": "2", "Nguyễn Thị Lan": "0", "Trần Văn Đức": "1"}

    groups = table(client.get(reverse("lms:report_place_groups", args=[commune.pk]), Q2))
    assert groups[1] == ["Người cao tuổi", "2", "1", "50.0 %"]

    courses = table(client.get(reverse("lms:report_place_courses", args=[commune.pk]), YEAR))
    by_course = {row[0]: row[1:] for row in courses[1:]}
    # Started: had a certificate verified (nobody followed our link here).
    assert by_course["Dịch vụ công trực tuyến (on Bình dân học vụ số)"] == ["2", "2", "100.0 %"]
    assert by_course["Thanh toán số (on Bình dân học vụ số)"] == ["2", "2", "100.0 %"]
    q1 = table(client.get(reverse("lms:report_place_courses", args=[commune.pk]), Q1))
    assert {row[0]: row[2] for row in q1[1:]}["Thanh toán số (on Bình dân học vụ số)"] == "0"


def test_the_figures_are_rebuilt_from_the_event_log(client, world):
    before = {name: indicators(client, world, period) for name, period in
              (("q1", Q1), ("q2", Q2), ("raw", Q2_RAW), ("year", YEAR))}  # fmt: skip
    completions = sorted(
        NationalCompletion.objects.values_list("learner_id", "course_id", "completed_at")
    )
    tallies = sorted(LearnerTally.objects.values_list("learner_id", "span", "courses_completed"))
    NationalCompletion.objects.all().delete()
    LearnerTally.objects.all().delete()
    learning_state_rebuild()
    assert len(completions) == 4
    assert (
        sorted(NationalCompletion.objects.values_list("learner_id", "course_id", "completed_at"))
        == completions
    )
    assert (
        sorted(LearnerTally.objects.values_list("learner_id", "span", "courses_completed"))
        == tallies
    )
    after = {name: indicators(client, world, period) for name, period in
             (("q1", Q1), ("q2", Q2), ("raw", Q2_RAW), ("year", YEAR))}  # fmt: skip
    assert after == before
