"""Each learner's target groups as a bitmask (``Learner.target_group_mask``
and the copy on their tallies), which the indicators by target group count
by: it follows every change to the groups, from either side, in the same
transaction; a deleted group's bit is cleared before another group takes it;
at most 63 groups exist; and the report gives the very figures that joining
the link table gives."""

import datetime
import uuid
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from courses.models import TargetGroup
from lms.learning.services.records import event_record
from lms.learning.services.target_groups import target_group_masks_refresh
from lms.models import DigitalIdChange, Learner, LearnerTally
from lms.reports import completion, indicators
from lms.reports.filters import Period
from tests.lms.classes_helpers import JUNE, MARCH, at, complete, learners, table

pytestmark = pytest.mark.django_db

KEYS = (
    "registered",
    "active",
    "trained",
    "lessons",
    "certificates",
    "digital_id_1",
    "digital_id_2",
    "digital_id_confirmed",
)


def masks() -> dict[int, int]:
    """Every learner's mask, and check their tallies and digital identity
    history carry the same."""
    learner_masks = dict(Learner.objects.values_list("pk", "target_group_mask"))
    for model in (LearnerTally, DigitalIdChange):
        for learner_id, mask in model.objects.values_list("learner_id", "target_group_mask"):
            assert mask == learner_masks[learner_id], f"a {model.__name__}'s copy differs"
    return learner_masks


def bits(*groups) -> int:
    return sum(1 << group.bit for group in groups)


@pytest.fixture
def world(indicators_world):
    """The indicators' world (tests/lms/conftest.py), whose figures the
    reports by target group are checked against."""
    return indicators_world


@pytest.fixture
def groups():
    return [
        TargetGroup.objects.create(name=name, slug=slug)
        for name, slug in (
            ("Học sinh", "hoc-sinh"),
            ("Nông dân", "nong-dan"),
            ("Tiểu thương", "tieu-thuong"),
        )
    ]


def test_groups_take_the_smallest_free_bit(groups):
    assert [group.bit for group in groups] == [0, 1, 2]
    groups[1].delete()
    assert TargetGroup.objects.create(name="Công chức", slug="cong-chuc").bit == 1
    assert TargetGroup.objects.create(name="Thanh niên", slug="thanh-nien").bit == 3


def test_the_mask_follows_changes_from_the_learner(world, groups):
    pupils, farmers, traders = groups
    lan = world.learners_a1[0]  # she has tallies already (she learned in March)
    assert LearnerTally.objects.filter(learner=lan).exists()
    elderly = TargetGroup.objects.get(slug="nguoi-cao-tuoi")
    assert masks()[lan.pk] == bits(elderly)
    lan.target_groups.add(farmers, traders)
    assert masks()[lan.pk] == bits(elderly, farmers, traders)
    lan.target_groups.remove(elderly)
    assert masks()[lan.pk] == bits(farmers, traders)
    lan.target_groups.set([pupils, traders])
    assert masks()[lan.pk] == bits(pupils, traders)
    lan.target_groups.clear()
    assert masks()[lan.pk] == 0


def test_the_mask_follows_changes_from_the_group(world, groups):
    pupils, farmers, _traders = groups
    lan, duc, hoa = world.learners_a1
    binh = world.learners_a2[0]
    elderly = TargetGroup.objects.get(slug="nguoi-cao-tuoi")
    farmers.learners.add(lan, hoa, binh)
    assert {k: masks()[k.pk] for k in (lan, duc, hoa, binh)} == {
        lan: bits(elderly, farmers),
        duc: bits(elderly),
        hoa: bits(farmers),
        binh: bits(farmers),
    }
    farmers.learners.remove(hoa)
    assert masks()[hoa.pk] == 0
    farmers.learners.set([hoa, duc])
    assert {k: masks()[k.pk] for k in (lan, duc, hoa, binh)} == {
        lan: bits(elderly),
        duc: bits(elderly, farmers),
        hoa: bits(farmers),
        binh: 0,
    }
    elderly.learners.clear()
    assert {k: masks()[k.pk] for k in (lan, duc, hoa)} == {
        lan: 0,
        duc: bits(farmers),
        hoa: bits(farmers),
    }
    pupils.learners.add(binh)
    assert masks()[binh.pk] == bits(pupils)


def test_deleting_a_group_clears_its_bit_before_another_group_takes_it(world, groups):
    _pupils, farmers, traders = groups
    lan, duc, _hoa = world.learners_a1
    lan.target_groups.add(farmers, traders)
    duc.target_groups.add(farmers)
    old_bit = farmers.bit
    farmers.delete()
    assert masks()[lan.pk] == bits(TargetGroup.objects.get(slug="nguoi-cao-tuoi"), traders)
    newcomers = TargetGroup.objects.create(name="Người mới", slug="nguoi-moi")
    assert newcomers.bit == old_bit
    report = indicators.indicators_by_group_report(world.places["commune_a"], Period(None, None))
    registered = {row.cells[0]: row.cells[1] for row in report.rows}
    assert registered["Người mới"] == 0  # nobody joined it: the old bit is gone
    assert registered["Tiểu thương"] == 1


def test_tally_rows_made_after_a_change_carry_the_mask(world, groups):
    pupils = groups[0]
    hoa = world.learners_a1[2]
    assert not LearnerTally.objects.filter(learner=hoa).exists()
    hoa.target_groups.add(pupils)
    complete(hoa, world.lessons[:1], JUNE)  # her first tallies
    assert set(
        LearnerTally.objects.filter(learner=hoa).values_list("target_group_mask", flat=True)
    ) == {bits(pupils)}
    # A stale copy of the learner saved afterwards does not put an old mask back.
    hoa.full_name = "Lê Thị Hoa Mới"
    hoa.save()
    assert masks()[hoa.pk] == bits(pupils)


def test_at_most_63_groups(client, admin_user, groups, places):
    for n in range(len(groups), 63):
        TargetGroup.objects.create(name=f"Nhóm {n}", slug=f"nhom-{n}")
    last = TargetGroup.objects.get(bit=62)
    extra = TargetGroup(name="Nhóm thừa", slug="nhom-thua")
    with pytest.raises(ValidationError) as error:
        extra.full_clean()
    with translation.override("en"):
        assert "at most 63 target groups" in str(error.value)
    with pytest.raises(ValidationError):
        extra.save()
    assert TargetGroup.objects.count() == 63

    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(admin_user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # the admin asks for 2FA
    client.force_login(admin_user)
    client.cookies["hocvuso_language"] = "en"
    response = client.post(
        reverse("wagtailsnippets_courses_targetgroup:add"),
        {"name": "Nhóm thừa", "slug": "nhom-thua", "description": "", "sort_order": 0},
    )
    assert "There can be at most 63 target groups" in response.content.decode()
    assert TargetGroup.objects.count() == 63

    # The highest bit counts like any other (64-bit arithmetic everywhere).
    learner = learners(places["a1"], ["Nguyễn Văn Cuối"])[0]
    learner.target_groups.add(last, groups[0])
    assert masks()[learner.pk] == (1 << 62) + 1
    target_group_masks_refresh()
    assert masks()[learner.pk] == (1 << 62) + 1
    report = indicators.indicators_by_group_report(learner.village, Period(None, None))
    registered = {row.cells[0]: row.cells[1] for row in report.rows}
    assert registered[last.name] == 1
    assert registered[groups[0].name] == 1
    assert registered[groups[1].name] == 0


# --- The report equals counting through the link table -------------------------------------


def joined_by_group(queryset, measure, aggregates):
    """The former counting, kept as the oracle: joined with the link table
    and grouped by target group."""
    learner = measure.learner
    if queryset.model in (LearnerTally, DigitalIdChange):
        learner = "learner__"
    field = f"{learner}target_groups"
    rows = (
        queryset.filter(**{f"{field}__isnull": False})
        .order_by()
        .values(field)
        .annotate(**aggregates)
    )
    return {name: {row[field]: row[name] or 0 for row in rows} for name in aggregates}


@pytest.fixture
def mixed(world, groups):
    """Learners in no group (Hoa, Mai's village neighbours), one group (Đức:
    elderly; Bình: farmers) and two groups (Lan: elderly and traders; Mai:
    farmers and traders); Mai joins after learning, Bình before."""
    _pupils, farmers, traders = groups
    lan, _duc, _hoa = world.learners_a1
    binh = world.learners_a2[0]
    mai = world.learners_b1[0]
    lan.target_groups.add(traders)
    farmers.learners.add(binh, mai)
    traders.learners.add(mai)
    complete(binh, world.lessons, JUNE)
    event_record(
        event_id=uuid.uuid4(),
        learner=lan,
        verb="opened",
        occurred_at=at(datetime.date(2026, 7, 2)),
        source="web",
        lesson=world.lessons[0],
    )
    return world


PERIODS = [
    Period(None, None),  # all time: tallies
    Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),  # a quarter: tallies
    Period(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)),
    Period(MARCH, datetime.date(2026, 7, 10)),  # any range: the raw rows
    Period(None, datetime.date(2026, 6, 1)),
]


def nonzero(values: dict) -> dict:
    return {key: value for key, value in values.items() if value}


@pytest.mark.parametrize("period", PERIODS, ids=str)
@pytest.mark.parametrize("place", ["commune_a", "commune_b", "a2"])
def test_the_report_counts_as_joining_the_link_table(mixed, period, place):
    where = mixed.places[place]
    group_bits = list(TargetGroup.objects.values_list("pk", "bit"))
    counted = indicators._figures(where, period, KEYS, partial(indicators._by_group, group_bits))
    joined = indicators._figures(where, period, KEYS, joined_by_group)
    for name in KEYS:
        # The join names only groups that have rows; a zero is no row.
        assert nonzero(counted[name]) == nonzero(joined[name]), name
    if period == Period(None, None):
        assert any(any(values.values()) for values in counted.values())


@pytest.mark.usefixtures("clock_in_data_year")  # the accounts are registered in 2026 too
def test_the_report_screen_by_group(client, mixed):
    client.cookies["hocvuso_language"] = "en"
    client.force_login(mixed.manager_a)
    url = reverse("lms:report_place_indicators_groups", args=[mixed.places["commune_a"].pk])
    rows = table(client.get(url, {"from": "2026-01-01", "to": "2026-12-31"}))
    by_name = {row[0]: row[1:] for row in rows[1:]}
    # Lan (elderly, traders) and Đức (elderly) in commune A; Bình (farmers) in Khóm 2.
    assert by_name["Người cao tuổi"][:3] == ["2", "2", "1"]
    assert by_name["Tiểu thương"][:3] == ["1", "1", "1"]
    assert by_name["Nông dân"][:3] == ["1", "1", "1"]
    assert by_name["Học sinh"][:3] == ["0", "0", "0"]


def test_the_report_takes_a_fixed_number_of_queries(
    client, mixed, groups, django_assert_max_num_queries
):
    client.force_login(mixed.manager_a)
    url = reverse("lms:report_place_indicators_groups", args=[mixed.places["commune_a"].pk])
    client.get(url)

    def count():
        with django_assert_max_num_queries(60) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    small = count()
    more = learners(mixed.places["a2"], [f"Người Học {n}" for n in range(10)])
    for n in range(5):
        TargetGroup.objects.create(name=f"Nhóm {n}", slug=f"nhom-{n}").learners.add(*more)
    count()  # new groups clear the site's cached parts: warm them again
    assert count() == small


# --- Rebuilt equals live ----------------------------------------------------------------------


def test_a_rebuild_changes_nothing_and_repairs_a_wrong_mask(mixed):
    live = masks()
    tallies = dict(LearnerTally.objects.values_list("pk", "target_group_mask"))
    call_command("rebuild_learning_state")
    assert masks() == live
    assert {k: v for k, v in live.items() if v}  # some learners have groups
    # Links written without signals (bulk) leave stale masks; a refresh repairs them.
    hoa = mixed.learners_a1[2]
    lan = mixed.learners_a1[0]
    through = Learner.target_groups.through
    through.objects.bulk_create([through(learner=hoa, targetgroup=TargetGroup.objects.first())])
    through.objects.filter(learner=lan).delete()
    target_group_masks_refresh()
    after = masks()
    assert after[lan.pk] == 0
    assert after[hoa.pk] == 1 << TargetGroup.objects.first().bit
    assert {k: v for k, v in after.items() if k not in (lan.pk, hoa.pk)} == {
        k: v for k, v in live.items() if k not in (lan.pk, hoa.pk)
    }
    assert LearnerTally.objects.count() == len(tallies)


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_the_completion_report_by_group_counts_as_joining_the_link_table(mixed, period):
    place = mixed.places["commune_a"]
    learners_here = Learner.objects.filter(village__path__startswith=place.path)
    expected = []
    for group in TargetGroup.objects.order_by("sort_order", "name"):
        members = learners_here.filter(target_groups=group)
        done = members.filter(
            period.q("course_progress__completed_at"),
            course_progress__completed_at__isnull=False,
        ).distinct()
        expected.append([group.name, members.count(), done.count()])
    report = completion.target_groups_report(place, period)
    assert [row.cells[:3] for row in report.rows] == expected
    assert any(row[1] for row in expected)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_groups_created_at_the_same_moment_each_get_their_own_bit(postgres):
    """Two editors saving a new target group at once: both are saved, each
    with a bit of its own (the second picks again instead of failing)."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(4)
    errors = []

    def create(number):
        try:
            barrier.wait()
            TargetGroup.objects.create(name=f"Nhóm {number}", slug=f"nhom-{number}")
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    bits = list(TargetGroup.objects.filter(slug__startswith="nhom-").values_list("bit", flat=True))
    assert len(bits) == 4 and len(set(bits)) == 4
