"""The per-learner tallies the reports read for all time, a calendar quarter
or whole months: kept by the recording service, equal to a recomputation from
the raw rows after any mix of events, rebuilt by rebuild_learning_state, and
giving the reports the very figures the raw rows give."""

import datetime
import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lms.learning.services.records import event_record, events_record_batch
from lms.learning.services.tallies import tallies_computed
from lms.models import Learner, LearnerTally, Source, Verb
from lms.reports import completion, indicators
from lms.reports.filters import Period
from lms.reports.grouping import tally_key
from tests.lms.classes_helpers import MARCH, build_world, complete, learners
from tests.lms.records_helpers import build_course

pytestmark = pytest.mark.django_db


def local(year, month, day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def live_tallies() -> dict:
    return {
        (t.learner_id, t.span): [
            t.village_id,
            t.active,
            t.lessons_completed,
            t.courses_completed,
            t.target_group_mask,
        ]
        for t in LearnerTally.objects.all()
    }


def recomputed() -> dict:
    return tallies_computed(Learner.objects.values_list("pk", flat=True))


def record(learner, lesson, when, verb=Verb.COMPLETED, source=Source.WEB, event_id=None):
    return event_record(
        event_id=event_id or uuid.uuid4(),
        learner=learner,
        verb=verb,
        occurred_at=when,
        source=source,
        lesson=lesson,
    )


@pytest.fixture
def mixed():
    """Lan completes a two-lesson course across two quarters, then a phone
    that was offline sends an earlier completion of the second lesson (the
    course moves back into the first quarter); Đức only opens a lesson, late
    on the last evening of March (local time); Hoa completes one lesson in
    class twice over (the same event sent again)."""
    world = build_world()
    _course, (one, two) = build_course(title="Khóa hai bài", lessons=2)
    lan, duc, hoa = world.learners_a1
    record(lan, one, local(2026, 3, 20))
    record(lan, two, local(2026, 4, 2))  # the course is completed in Q2 ...
    events_record_batch(
        learner=lan,
        events=[
            {
                "id": str(uuid.uuid4()),
                "verb": "completed",
                "lesson": two.pk,
                "occurred_at": local(2026, 3, 25).isoformat(),
            }
        ],
        source=Source.OFFLINE,
    )  # ... until earlier evidence moves it into Q1
    record(duc, one, local(2026, 3, 31, 23, 30), verb=Verb.OPENED)
    again = uuid.uuid4()
    record(hoa, one, local(2026, 5, 5), verb=Verb.COMPLETED_IN_CLASS, event_id=again)
    record(hoa, one, local(2026, 5, 5), verb=Verb.COMPLETED_IN_CLASS, event_id=again)
    group_model = Learner._meta.get_field("target_groups").related_model
    elderly = group_model.objects.create(name="Người cao tuổi", slug="nguoi-cao-tuoi")
    lan.target_groups.add(elderly)
    hoa.target_groups.add(elderly)
    return world, (lan, duc, hoa)


def test_tallies_follow_events_and_equal_a_recomputation(mixed):
    _world, (lan, duc, hoa) = mixed
    tallies = live_tallies()
    assert tallies == recomputed()
    # Lan: both lessons and the course counted in Q1 once the late evidence came;
    # still active in Q2, with nothing completed there any more.
    assert tallies[(lan.pk, 20261)][1:4] == [True, 2, 1]
    assert tallies[(lan.pk, 20262)][1:4] == [True, 0, 0]
    assert tallies[(lan.pk, 0)][1:4] == [True, 2, 1]
    assert tallies[(lan.pk, 202603)][1:4] == [True, 2, 1]  # and by month
    assert tallies[(lan.pk, 202604)][1:4] == [True, 0, 0]
    # 23:30 on 31 March, local time, is still the first quarter.
    assert tallies[(duc.pk, 20261)][1:4] == [True, 0, 0]
    assert (duc.pk, 20262) not in tallies
    assert (duc.pk, 202604) not in tallies
    # An event sent twice counts once.
    assert tallies[(hoa.pk, 20262)][1:4] == [True, 1, 0]


def test_rebuild_learning_state_rebuilds_the_tallies(mixed):
    before = live_tallies()
    LearnerTally.objects.all().delete()
    call_command("rebuild_learning_state", stdout=None)
    assert live_tallies() == before


def test_a_learner_who_moves_is_counted_in_their_new_village(mixed):
    world, (lan, _duc, _hoa) = mixed
    lan.village = world.places["a2"]
    lan.save()
    assert {v for (who, _span), (v, *_rest) in live_tallies().items() if who == lan.pk} == {
        world.places["a2"].pk
    }
    assert live_tallies() == recomputed()
    q1 = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    q1_raw = Period(datetime.date(2025, 12, 31), datetime.date(2026, 3, 31))
    commune = world.places["commune_a"]
    by_village = {row.cells[0]: row.cells[1:] for row in completion.place_report(commune, q1).rows}
    assert by_village["Khóm 2"][1:3] == [1, 2]  # Lan's two lessons, now in Khóm 2
    assert cells(completion.place_report(commune, q1)) == cells(
        completion.place_report(commune, q1_raw)
    )


def test_a_deleted_learner_leaves_no_tally(mixed):
    _world, (lan, _duc, _hoa) = mixed
    lan.delete()
    assert not LearnerTally.objects.filter(learner_id=lan.pk).exists()
    assert live_tallies() == recomputed()


def test_only_all_time_and_whole_quarters_read_the_tallies():
    assert tally_key(Period()) == 0
    assert tally_key(Period(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))) == 20262
    assert tally_key(Period(datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))) == 20264
    assert tally_key(Period(datetime.date(2026, 4, 1), datetime.date(2026, 6, 29))) is None
    assert tally_key(Period(datetime.date(2026, 4, 2), datetime.date(2026, 6, 30))) is None
    assert tally_key(Period(datetime.date(2026, 4, 1), None)) is None
    assert tally_key(Period(None, datetime.date(2026, 6, 30))) is None


def cells(report):
    return [row.cells for row in report.rows]


@pytest.mark.parametrize(
    "builder",
    [
        completion.place_report,
        indicators.indicators_report,
        indicators.villages_indicators_report,
        indicators.indicators_by_group_report,
    ],
)
def test_reports_from_tallies_equal_the_raw_count(mixed, builder):
    """A whole quarter is read from the tallies; the same days plus one day
    without any record (31 December) are counted from the raw rows."""
    world, _people = mixed
    province = world.places["province"]
    q1 = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    q1_raw = Period(datetime.date(2025, 12, 31), datetime.date(2026, 3, 31))
    q2 = Period(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    q2_raw = Period(datetime.date(2026, 4, 1), datetime.date(2026, 7, 1))
    everything = Period()
    since_ever = Period(datetime.date(2000, 1, 1), timezone.localdate())
    for fast, raw in ((q1, q1_raw), (q2, q2_raw), (everything, since_ever)):
        assert tally_key(fast) is not None and tally_key(raw) is None
        for place in (province, world.places["commune_a"]):
            fast_cells, raw_cells = cells(builder(place, fast)), cells(builder(place, raw))
            assert fast_cells == raw_cells
    assert any(any(cell for cell in row[1:]) for row in cells(builder(province, q1)))


def test_monthly_chart_from_tallies_equals_the_raw_count(mixed):
    from lms.reports.charts import monthly_completions

    world, _people = mixed
    whole = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    raw = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 29))  # nothing on the 30th
    for place in (world.places["province"], world.places["a1"]):
        assert monthly_completions(place, whole) == monthly_completions(place, raw)
    months = dict(monthly_completions(world.places["province"], whole))
    assert (months["03/2026"], months["04/2026"], months["05/2026"]) == (2, 0, 1)


def test_commune_view_queries_do_not_grow_with_learners(client, django_assert_max_num_queries):
    world = build_world()
    client.force_login(world.manager_a)
    url = reverse("lms:report_place", args=[world.places["commune_a"].pk])
    client.get(url)

    def count():
        with django_assert_max_num_queries(40) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    small = count()
    extra = learners(world.places["a2"], [f"Người Học {n}" for n in range(30)])
    for learner in extra[:10]:
        complete(learner, world.lessons[:2], MARCH)
    assert count() <= small + 1  # 30 more learners: per-learner queries would add 30+
