"""generate_load_data: synthetic data at a chosen scale, reproducible with a
seed, safe to run twice, and shaped like the real thing (a proper place tree)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.management.commands.generate_load_data import FAMILY_NAMES
from lms.models import ConsentRecord, Household, Learner, PhoneNumber, Place, PlaceKind
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


def test_places_form_a_proper_tree():
    generate(scale="6000")
    root = Place.objects.get(code="load-6000-s3")
    assert root.kind == PlaceKind.PROVINCE and root.is_root()
    communes = list(root.get_children())
    assert [c.kind for c in communes] == [PlaceKind.COMMUNE]
    villages = list(communes[0].get_children())
    assert len(villages) == 3  # one village per 2,500 learners
    assert {v.kind for v in villages} == {PlaceKind.VILLAGE}
    assert all(not v.get_children().exists() for v in villages)
    # treebeard's own consistency check: paths, depths and child counts agree.
    assert Place.find_problems() == ([], [], [], [], [])
    assert Place.objects.within([root]).count() == 1 + 1 + 3
    # Learners and households live in villages of this tree only.
    assert set(generated_learners().values_list("village__kind", flat=True)) == {"village"}
    assert Learner.objects.filter(village__path__startswith=root.path).count() == 6000
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


def test_running_twice_changes_nothing_and_leaves_other_data_alone(demo_site):
    demo_learners = set(Learner.objects.values_list("pk", flat=True))
    generate()
    counts = (Learner.objects.count(), Household.objects.count(), Place.objects.count())
    ids = set(generated_learners().values_list("pk", flat=True))
    assert "already complete" in generate()
    assert (Learner.objects.count(), Household.objects.count(), Place.objects.count()) == counts
    assert set(generated_learners().values_list("pk", flat=True)) == ids
    assert demo_learners <= set(Learner.objects.values_list("pk", flat=True))


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
        learner__in=generated_learners(), learner__year_of_birth__gt=2026 - 16
    )
    assert all(c.guardian_name for c in children)


def test_inserts_in_bulk_not_row_by_row():
    with CaptureQueriesContext(connection) as queries:
        generate(scale="400")
    rows = (
        generated_learners().count()
        + ConsentRecord.objects.count()
        + Household.objects.count()
        + PhoneNumber.objects.count()
    )
    assert rows > 1000
    # A query per batch of rows (SQLite allows small batches), never one per row.
    assert len(queries) < 100


@pytest.mark.parametrize("scale", ["town", "0", "-5", "3000000"])
def test_refuses_an_unknown_scale(scale):
    with pytest.raises(CommandError):
        generate(scale=scale)
    assert not generated_learners().exists()
