"""generate_load_data: synthetic data at a chosen scale, reproducible with a
seed, safe to run twice, and shaped like the real thing (a proper place tree)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage, FourTProgramPage, LessonPage
from lms.demo import load_data
from lms.demo.load_data import FAMILY_NAMES, purge
from lms.demo.load_learning import REFERENCE_TIME
from lms.learning.services.digital_families import summary_definition_is_current
from lms.learning.services.records import learning_state_rebuild
from lms.models import (
    Attendance,
    Certificate,
    CertificateClaim,
    ClaimStatus,
    ClassSession,
    ConsentRecord,
    CourseProgress,
    Grant,
    Household,
    Learner,
    LearnerTally,
    LearningEvent,
    LessonProgress,
    PhoneNumber,
    Place,
    PlaceKind,
    ProgramProgress,
    Role,
    TrainingClass,
)
from lms.text import name_sort_key

pytestmark = pytest.mark.django_db


def generate(scale="120", seed=3) -> str:
    out = io.StringIO()
    call_command("generate_load_data", scale=str(scale), seed=seed, stdout=out)
    return out.getvalue()


def generated_learners():
    return Learner.objects.filter(user__username__startswith="load-")


def snapshot() -> list[tuple]:
    """What a person reading the data would see, without database ids."""
    return list(
        generated_learners()
        .order_by("user__username")
        .values_list(
            "user__username",
            "full_name",
            "year_of_birth",
            "gender",
            "village__code",
            "village__name",
            "household__name",
            "household__code",
            "digital_id_status",
            "user__phone_number__number",
            "created_at",
        )
    ) + sorted(generated_learners().values_list("user__username", "target_groups__slug").distinct())


def test_generates_the_number_of_learners_asked_for():
    output = generate(scale="120")
    assert generated_learners().count() == 120
    assert "120 learners" in output
    assert Household.objects.filter(village__code__startswith="load-").exists()
    assert ConsentRecord.objects.filter(learner__in=generated_learners()).count() == 120
    assert PhoneNumber.objects.filter(user__username__startswith="load-").count() > 60
    # Every learner has an account they cannot sign in with until a trainer issues a card.
    assert not any(
        u.has_usable_password()
        for u in get_user_model().objects.filter(username__startswith="load-")
    )


def test_places_form_a_proper_tree(monkeypatch):
    # Villages of 100 learners, so a small run still builds a tree of several.
    monkeypatch.setattr(load_data, "LEARNERS_PER_VILLAGE", 100)
    generate(scale="240")
    root = Place.objects.get(code="load-240-s3")
    assert root.kind == PlaceKind.PROVINCE and root.is_root()
    communes = list(root.get_children())
    assert [c.kind for c in communes] == [PlaceKind.COMMUNE]
    villages = list(communes[0].get_children())
    assert len(villages) == 3  # one village per 100 learners, rounded up
    assert {v.kind for v in villages} == {PlaceKind.VILLAGE}
    assert all(not v.get_children().exists() for v in villages)
    # treebeard's own consistency check: paths, depths and child counts agree.
    assert Place.find_problems() == ([], [], [], [], [])
    assert Place.objects.within([root]).count() == 1 + 1 + 3
    # Learners and households live in villages of this tree only.
    assert set(generated_learners().values_list("village__kind", flat=True)) == {"village"}
    assert Learner.objects.filter(village__path__startswith=root.path).count() == 240
    # Population figures add up the tree, for indicators.
    assert communes[0].adults_16_plus == sum(v.adults_16_plus for v in villages)
    assert root.households == communes[0].households > 0


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    generate(seed=3)
    first = snapshot()
    generate(seed=4)
    other = snapshot()
    generate(seed=3)
    assert snapshot() == first
    assert other != first
    assert generated_learners().count() == 120  # one generated data set at a time


def learning_counts() -> tuple[int, ...]:
    learners = generated_learners()
    return (
        LearningEvent.objects.filter(learner__in=learners).count(),
        LessonProgress.objects.filter(learner__in=learners).count(),
        CourseProgress.objects.filter(learner__in=learners).count(),
        ProgramProgress.objects.filter(learner__in=learners).count(),
        Certificate.objects.filter(learner__in=learners).count(),
        CertificateClaim.objects.filter(learner__in=learners).count(),
        TrainingClass.objects.filter(place__code__startswith="load-").count(),
        Attendance.objects.filter(learner__in=learners).count(),
        CoursePage.objects.filter(slug__startswith="load-").count(),
        LessonPage.objects.filter(slug__startswith="load-").count(),
        Grant.objects.filter(user__username__startswith="load-").count(),
    )


def test_running_twice_changes_nothing_and_leaves_other_data_alone(demo_site):
    demo_learners = set(Learner.objects.values_list("pk", flat=True))
    demo_events = LearningEvent.objects.exclude(learner__in=generated_learners()).count()
    generate()
    counts = (Learner.objects.count(), Household.objects.count(), Place.objects.count())
    learning = learning_counts()
    ids = set(generated_learners().values_list("pk", flat=True))
    assert "already complete" in generate()
    assert (Learner.objects.count(), Household.objects.count(), Place.objects.count()) == counts
    assert learning_counts() == learning
    assert set(generated_learners().values_list("pk", flat=True)) == ids
    assert demo_learners <= set(Learner.objects.values_list("pk", flat=True))
    # Another data set replaces this one, and the demo's learning is untouched.
    generate(seed=4)
    assert CoursePage.objects.filter(slug__startswith="load-").count() == 5
    assert LearningEvent.objects.exclude(learner__in=generated_learners()).count() == demo_events


def test_purge_removes_everything_generated_and_nothing_else(demo_site):
    before = {
        model: model.objects.count()
        for model in (LearningEvent, LessonProgress, CourseProgress, Certificate, Learner, Grant)
    }
    pages = CoursePage.objects.count()
    generate()
    assert LearningEvent.objects.count() > before[LearningEvent]
    purge()
    assert {model: model.objects.count() for model in before} == before
    assert CoursePage.objects.count() == pages
    assert not Place.objects.filter(code__startswith="load-").exists()
    assert not get_user_model().objects.filter(username__startswith="load-").exists()
    assert not TrainingClass.objects.filter(place__code__startswith="load-").exists()
    assert not LessonPage.objects.filter(slug__startswith="load-").exists()


def derived_state() -> dict[str, list[tuple]]:
    """Every progress row of the generated learners, without database ids."""
    state = {}
    for model in (LessonProgress, CourseProgress, ProgramProgress, LearnerTally):
        fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        rows = model.objects.filter(learner__in=generated_learners()).values_list(*fields)
        state[model.__name__] = sorted(tuple(str(value) for value in row) for row in rows)
    state["digital_skills_at"] = sorted(
        str(at) for at in generated_learners().values_list("digital_skills_at", flat=True)
    )
    state["target_group_mask"] = sorted(
        generated_learners().values_list("user__username", "target_group_mask")
    )
    return state


def test_learning_is_what_the_recording_service_derives_from_the_log(demo_site):
    """Progress is inserted in bulk, yet rebuilding it from the event log,
    one event at a time through the recording rules, changes nothing."""
    generate(scale="60", seed=5)
    learners = generated_learners()
    events = LearningEvent.objects.filter(learner__in=learners)
    before = derived_state()
    assert len(before["LessonProgress"]) > 300
    assert len(before["CourseProgress"]) > 50
    assert before["ProgramProgress"]  # the generated 4T program counts the pillars' courses
    assert before["LearnerTally"]  # what reports read
    assert summary_definition_is_current()  # the digital-family summary was built
    assert all(mask for _username, mask in before["target_group_mask"])  # everyone has a group
    replayed = learning_state_rebuild(learner_ids=list(learners.values_list("pk", flat=True)))
    assert replayed == events.count()
    assert derived_state() == before
    # Many start, fewer finish.
    started = CourseProgress.objects.filter(learner__in=learners)
    assert 0 < started.completed().count() < started.count()
    # Every completion issued its certificate, as the completion signal does.
    completed = (
        started.completed().count()
        + ProgramProgress.objects.filter(learner__in=learners, completed_at__isnull=False).count()
    )
    assert Certificate.objects.filter(learner__in=learners).count() == completed
    # Nothing happens before a learner signed up or after the reference date.
    for event in events.select_related("learner"):
        assert event.learner.created_at <= event.occurred_at <= REFERENCE_TIME


def test_classes_have_trainers_sessions_attendance_and_in_class_completions():
    generate(scale="300", seed=5)
    training_class = TrainingClass.objects.filter(place__code__startswith="load-").first()
    trainers = set(training_class.trainers.values_list("pk", flat=True))
    assert trainers
    assert Grant.objects.filter(
        user__in=trainers, role=Role.TRAINER, place=training_class.place
    ).count() == len(trainers)
    assert training_class.courses.exists()
    sessions = list(ClassSession.objects.filter(training_class=training_class))
    assert sessions and all(s.venue for s in sessions)
    present = Attendance.objects.filter(session__in=sessions, present=True)
    assert 0 < present.count() < Attendance.objects.filter(session__in=sessions).count()
    in_class = LearningEvent.objects.filter(context__class_id=training_class.pk)
    assert in_class.count() == sum(
        present.filter(session=s).count() * s.lessons_completed.count() for s in sessions
    )
    assert {e.source for e in in_class} == {"class"}
    assert {e.recorded_by_id for e in in_class} <= trainers
    # A manager for the province and for each commune.
    root = Place.objects.get(code="load-300-s5")
    assert Grant.objects.filter(role=Role.MANAGER, place=root).exists()
    assert Grant.objects.filter(role=Role.MANAGER, place__in=root.get_children()).exists()


def test_certificate_claims_are_mixed_and_verified_ones_are_in_the_log():
    generate(scale="300", seed=5)
    claims = CertificateClaim.objects.filter(learner__in=generated_learners())
    statuses = set(claims.values_list("status", flat=True))
    assert {ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.REJECTED} <= statuses
    approved = claims.filter(status=ClaimStatus.APPROVED)
    verified = LearningEvent.objects.filter(verb="certificate_verified")
    assert verified.count() == approved.count()
    assert set(verified.values_list("context__certificate_claim", flat=True)) == set(
        approved.values_list("pk", flat=True)
    )
    assert all(c.reviewer_message for c in claims.filter(status=ClaimStatus.REJECTED))


def test_the_same_seed_gives_the_same_learning():
    def events():
        return sorted(
            LearningEvent.objects.filter(
                learner__in=generated_learners(), source="web"
            ).values_list("id", "learner__user__username", "verb", "lesson__slug", "occurred_at")
        )

    generate(scale="40", seed=3)
    first = events()
    generate(scale="40", seed=4)
    generate(scale="40", seed=3)
    assert events() == first and first
    assert FourTProgramPage.objects.filter(slug__startswith="load-").count() <= 1


def test_an_interrupted_run_is_replaced_by_a_complete_one():
    generate()
    generated_learners().filter(pk__in=generated_learners()[:10].values("pk")).delete()
    generate()
    assert generated_learners().count() == 120
    assert Place.objects.filter(kind=PlaceKind.PROVINCE, code__startswith="load-").count() == 1


def test_learners_look_like_vietnamese_people():
    generate()
    for learner in generated_learners()[:50]:
        family, *middle, given = learner.full_name.split()
        assert family in {name for name, _ in FAMILY_NAMES}
        assert middle and given
        assert learner.sort_name == name_sort_key(learner.full_name)
        assert learner.target_groups.exists()
    children = ConsentRecord.objects.filter(
        learner__in=generated_learners(), learner__year_of_birth__gt=REFERENCE_TIME.year - 16
    )
    assert all(c.guardian_name for c in children)


def test_inserts_in_bulk_not_row_by_row():
    generate(scale="50", seed=1)  # the generated courses exist from now on
    with CaptureQueriesContext(connection) as queries:
        generate(scale="400", seed=2)
    rows = (
        generated_learners().count()
        + ConsentRecord.objects.count()
        + Household.objects.count()
        + PhoneNumber.objects.count()
        + LearningEvent.objects.filter(learner__in=generated_learners()).count()
        + LessonProgress.objects.filter(learner__in=generated_learners()).count()
    )
    assert rows > 10_000
    # A query per batch of rows (SQLite allows small batches), never one per row.
    assert len(queries) < rows / 20


@pytest.mark.parametrize("scale", ["town", "0", "-5", "3000000"])
def test_refuses_an_unknown_scale(scale):
    with pytest.raises(CommandError):
        generate(scale=scale)
    assert not generated_learners().exists()
