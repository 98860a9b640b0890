"""Fixtures shared by more than one room of the lms tests. A room's own
shared fixtures are in its conftest.py."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from courses.models import NationalCourse, SkillArea
from lms import messaging
from lms.models import CertificateClaim, ClaimStatus, DigitalIdStatus
from lms.models.classes import Attendance, ClassSession
from lms.models.help_log import AmbassadorHelp, HelpOutcome
from lms.people.services.digital_id import digital_id_set
from lms.people.services.people import household_create
from tests.lms.classes_helpers import DATA_TODAY, JUNE, MARCH, at, completion_world
from tests.lms.factories import place_tree


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    messaging.outbox.clear()
    yield
    messaging.outbox.clear()


@pytest.fixture
def places(db):
    return place_tree()


@pytest.fixture
def sms_outbox():
    return messaging.outbox


@pytest.fixture
def clock_in_data_year():
    """The clock at ``DATA_TODAY``, still ticking: for a test whose figures
    count accounts made now within the year of its fixed dates. Request it
    before the fixtures that make the accounts (``usefixtures`` does)."""
    with time_machine.travel(DATA_TODAY, tick=True):
        yield


@pytest.fixture
def english_pages(client, settings):
    """The test client reads the English interface (Vietnamese is the
    default), so assertions can read the source strings. A module asks for
    it with ``pytest.mark.usefixtures("english_pages")``."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def indicators_world():
    """completion_world, plus: the course teaches both basic skills (so Lan,
    who completed it in March, makes her household a digital family); digital
    identities: Lan declared VNeID 1 on 01/02 and her trainer confirmed VNeID 2
    on 20/03, Bình (Khóm 2) declared VNeID 2 on 01/03 and took it back (none)
    on 15/06, Đức declared VNeID 1 on 10/06 (today: Lan 2 confirmed, Đức 1,
    Bình none; at the end of March: Lan 2 confirmed, Bình 2); Lan's national
    certificate was verified on 10/03; class A1 met on 05/03 (Lan and Hoa
    present, Đức absent); Khóm 1 has 20 adults in 10 households, Khóm 2 has
    8 adults in 5 households. The figures of the indicators tests (reports)
    and of the target-group masks tests (learning) are worked out from it."""
    world = completion_world()
    skills = [
        SkillArea.objects.create(name="Dịch vụ công trực tuyến", slug="dvc", kind="basic"),
        SkillArea.objects.create(name="Thanh toán trực tuyến", slug="thanh-toan", kind="basic"),
    ]
    world.course.skill_areas.set(skills)
    world.course.save()
    lan, duc, hoa = world.learners_a1
    binh = world.learners_a2[0]
    for learner, status, by, confirmed, date in (
        (lan, DigitalIdStatus.LEVEL_1, lan.user, False, datetime.date(2026, 2, 1)),
        (lan, DigitalIdStatus.LEVEL_2, world.trainer_a1, True, datetime.date(2026, 3, 20)),
        (binh, DigitalIdStatus.LEVEL_2, binh.user, False, datetime.date(2026, 3, 1)),
        (binh, DigitalIdStatus.NONE, binh.user, False, datetime.date(2026, 6, 15)),
        (duc, DigitalIdStatus.LEVEL_1, duc.user, False, JUNE),
    ):
        digital_id_set(learner=learner, status=status, by=by, confirmed=confirmed, at=at(date))
    lan.household = household_create(village=world.places["a1"], name="Hộ bà Lan")
    lan.save()
    duc.household = household_create(village=world.places["a1"], name="Hộ ông Đức")
    duc.save()
    national = NationalCourse.objects.create(
        title="Kỹ năng số cơ bản", url="https://binhdanhocvuso.gov.vn/khoa-hoc/1"
    )
    CertificateClaim.objects.create(
        learner=lan,
        course=national,
        certificate_number="BDHVS-001",
        number_key="bdhvs001",
        issued_on=datetime.date(2026, 3, 1),
        status=ClaimStatus.APPROVED,
        file_name="a.pdf",
        file_kind="pdf",
        file_size=1000,
        file_sha256="0" * 64,
        decided_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 9, 0)),
    )
    session = ClassSession.objects.create(
        training_class=world.class_a1, date=datetime.date(2026, 3, 5)
    )
    for learner, present in ((lan, True), (duc, False), (hoa, True)):
        Attendance.objects.create(session=session, learner=learner, present=present)
    # Help logged: twice in Khóm 1 (March and June), once at the commune hall (June).
    for place, date in (("a1", MARCH), ("a1", JUNE), ("commune_a", JUNE)):
        AmbassadorHelp.objects.create(
            place=world.places[place], date=date, service="Cài đặt VNeID", outcome=HelpOutcome.DONE
        )
    for name, adults, households in (("a1", 20, 10), ("a2", 8, 5)):
        place = world.places[name]
        place.adults_16_plus, place.households = adults, households
        place.save()
    return world
