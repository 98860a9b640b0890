"""The access table, walked: for every (object kind, action) and every staff
role, an object in the actor's place, one in another commune, and actors
who must see nothing (anonymous, a deactivated account, a plain learner)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from courses.models import NationalCourse
from lms.access.policy import POLICY, STAFF, Action, Kind, allows, rule, scoped
from lms.models import (
    Certificate,
    CertificateClaim,
    ClaimStatus,
    EventHost,
    HelpRequest,
    Role,
    TrainingClass,
    VillageHelper,
)
from lms.people.services.people import household_create
from tests.lms.events.helpers import make_event
from tests.lms.factories import LearnerFactory, UserFactory, place_tree, staff
from tests.lms.records_helpers import build_course

pytestmark = pytest.mark.django_db

T, A, M = Role.TRAINER, Role.AMBASSADOR, Role.MANAGER

# Today's rules, written out: a change to the table must change this too.
EXPECTED = {
    (Kind.PLACE, Action.VIEW): ({T, A, M}, False, False),
    (Kind.PLACE, Action.REPORT): ({M}, False, False),
    (Kind.LEARNER, Action.VIEW): ({T, A, M}, False, False),
    (Kind.LEARNER, Action.CHANGE): ({T, A, M}, False, False),
    (Kind.LEARNER, Action.REPORT): ({T, A, M}, True, False),
    (Kind.HOUSEHOLD, Action.VIEW): ({T, A, M}, False, False),
    (Kind.HOUSEHOLD, Action.CHANGE): ({T, A, M}, False, False),
    (Kind.CLASS, Action.VIEW): ({T, A, M}, True, False),
    (Kind.CLASS, Action.TEACH): ({T, A, M}, True, False),
    (Kind.CLASS, Action.CHANGE): ({T, A, M}, False, False),
    (Kind.CLAIM, Action.VIEW): ({T, A}, False, True),
    (Kind.CLAIM, Action.REVIEW): ({T, A}, False, False),
    (Kind.CERTIFICATE, Action.VIEW): ({T, M}, False, False),
    (Kind.CERTIFICATE, Action.REVOKE): ({T, M}, False, False),
    (Kind.HELPER, Action.CHANGE): ({M}, False, False),
    (Kind.HELP_REQUEST, Action.VIEW): ({M}, False, False),
    (Kind.HELP_REQUEST, Action.CHANGE): (set(), False, False),
    (Kind.EVENT, Action.VIEW): ({T, A, M}, False, False),
    (Kind.EVENT, Action.TEACH): ({T, A, M}, False, False),
}
# Rules that also reach what is in the villages the user is a helper of.
HELPED = {(Kind.HELP_REQUEST, Action.VIEW), (Kind.HELP_REQUEST, Action.CHANGE)}

RULES = sorted(POLICY, key=lambda key: (key[0].value, key[1].value))


def rule_id(key) -> str:
    return f"{key[0]}-{key[1]}"


def test_the_table_holds_todays_rules():
    assert {key: (set(r.roles), r.taught, r.own) for key, r in POLICY.items()} == EXPECTED
    assert {key for key, r in POLICY.items() if r.helped} == HELPED


def test_an_action_the_table_does_not_name_is_refused_not_allowed():
    with pytest.raises(LookupError):
        rule(Kind.PLACE, Action.REVOKE)


class Objects:
    """One object of ``kind`` in village ``key`` (a1: the actor's, b1: another
    commune's)."""

    def __init__(self, places):
        self.places = places
        self._course = None
        self._national = None

    def course(self):
        if self._course is None:
            self._course, _lessons = build_course(title="Thanh toán không dùng tiền mặt")
        return self._course

    def national(self):
        if self._national is None:
            self._national = NationalCourse.objects.create(
                title="Kỹ năng số cơ bản", url="https://binhdanhocvuso.gov.vn/khoa-hoc/1"
            )
        return self._national

    def make(self, kind: Kind, key: str, learner=None):
        village = self.places[key]
        if kind is Kind.PLACE:
            return village
        if kind is Kind.HOUSEHOLD:
            return household_create(village=village, name=f"Hộ {key}")
        if kind is Kind.CLASS:
            return TrainingClass.objects.create(name=f"Lớp {key}", place=village)
        if kind is Kind.HELPER:
            return VillageHelper.objects.create(
                village=village, name=f"Người Giúp {key}", role="youth", phone="+84905000001"
            )
        if kind is Kind.HELP_REQUEST:
            return HelpRequest.objects.create(
                village=village, need="vneid", name=f"Người Hỏi {key}", phone="+84914000001"
            )
        if kind is Kind.EVENT:
            event = make_event(title=f"Sự kiện {key}", slug=f"su-kien-{key}", place=village)
            return EventHost.objects.get(event=event)
        learner = learner or LearnerFactory(village=village, full_name=f"Người Học {key}")
        if kind is Kind.LEARNER:
            return learner
        if kind is Kind.CLAIM:
            return CertificateClaim.objects.create(
                learner=learner,
                course=self.national(),
                certificate_number=f"BDHVS-{learner.pk}",
                number_key=f"bdhvs{learner.pk}",
                issued_on=datetime.date(2026, 3, 1),
                status=ClaimStatus.SUBMITTED,
                file_name=f"{key}.pdf",
                file_kind="pdf",
                file_size=1000,
                file_sha256=f"{learner.pk:064d}",
            )
        assert kind is Kind.CERTIFICATE
        return Certificate.objects.create(
            code=f"{key.upper():A<16}",
            learner=learner,
            course=self.course(),
            title="Thanh toán không dùng tiền mặt",
            holder_name=learner.full_name,
            issuer="Xã Diên Sanh",
            completed_at=timezone.now(),
        )


@pytest.fixture
def world(db):
    return Objects(place_tree())


def in_scope(user, key, obj) -> bool:
    kind, action = key
    return scoped(user, kind, action).filter(pk=obj.pk).exists()


@pytest.mark.parametrize("role", sorted(STAFF))
@pytest.mark.parametrize("key", RULES, ids=rule_id)
def test_each_role_reaches_its_own_place_and_never_another(world, key, role):
    kind, action = key
    actor = staff(role, world.places["a1"])
    mine, theirs = world.make(kind, "a1"), world.make(kind, "b1")
    assert in_scope(actor, key, mine) is (role in EXPECTED[key][0])
    assert allows(actor, action, mine) is (role in EXPECTED[key][0])
    assert not in_scope(actor, key, theirs)
    assert not allows(actor, action, theirs)


@pytest.mark.parametrize("key", RULES, ids=rule_id)
def test_anonymous_deactivated_and_plain_learners_reach_nothing(world, key):
    kind, action = key
    obj = world.make(kind, "a1")
    deactivated = staff(Role.MANAGER, world.places["province"], "da-nghi")
    deactivated.is_active = False
    deactivated.save()
    learner = LearnerFactory(village=world.places["a1"]).user
    for actor in (AnonymousUser(), deactivated, learner):
        assert not in_scope(actor, key, obj), actor
        assert not scoped(actor, kind, action).exists(), actor


@pytest.mark.parametrize("key", RULES, ids=rule_id)
def test_an_administrator_reaches_everything(world, key):
    admin = UserFactory(username="quan-tri", is_superuser=True, is_staff=True)
    for village in ("a1", "b1"):
        assert in_scope(admin, key, world.make(key[0], village))


@pytest.mark.parametrize(
    "key", [key for key in RULES if key[0] in (Kind.CLASS, Kind.LEARNER)], ids=rule_id
)
def test_a_trainer_given_only_a_class_reaches_what_the_rule_says(world, key):
    kind, _action = key
    trainer = UserFactory(username="tinh-nguyen-vien")
    taught = TrainingClass.objects.create(name="Lớp thôn Một", place=world.places["b1"])
    taught.trainers.add(trainer)
    pupil = LearnerFactory(village=world.places["b1"], full_name="Học Viên Lớp")
    taught.learners.add(pupil)
    other_class = world.make(Kind.CLASS, "b1")
    other_learner = world.make(Kind.LEARNER, "b1")
    obj, other = (taught, other_class) if kind is Kind.CLASS else (pupil, other_learner)
    assert in_scope(trainer, key, obj) is EXPECTED[key][1]
    assert not in_scope(trainer, key, other)


@pytest.mark.parametrize("key", [key for key in RULES if key[0] is Kind.CLAIM], ids=rule_id)
def test_a_learner_reaches_their_own_claim_where_the_rule_says(world, key):
    owner = LearnerFactory(village=world.places["b1"], full_name="Chủ Hồ Sơ")
    own = world.make(Kind.CLAIM, "b1", learner=owner)
    someone_elses = world.make(Kind.CLAIM, "b1")
    assert in_scope(owner.user, key, own) is EXPECTED[key][2]
    assert not in_scope(owner.user, key, someone_elses)


@pytest.mark.parametrize("key", sorted(HELPED, key=rule_id), ids=rule_id)
def test_a_village_helper_reaches_their_village_only_where_the_rule_says(world, key):
    """A helper of Khóm 1 (with no grant) never reaches Khóm 2, even in the
    same commune; an inactive helper reaches nothing."""
    kind, _action = key
    account = UserFactory(username="nguoi-giup")
    helper = VillageHelper.objects.create(
        village=world.places["a1"],
        name="Người Giúp",
        role="youth",
        phone="+84905000002",
        user=account,
    )
    mine, same_commune = world.make(kind, "a1"), world.make(kind, "a2")
    assert in_scope(account, key, mine)
    assert not in_scope(account, key, same_commune)
    assert not in_scope(account, key, world.make(kind, "b1"))
    helper.active = False
    helper.save()
    assert not in_scope(account, key, mine)
