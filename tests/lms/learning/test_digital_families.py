"""The "Gia đình số" indicator read from the learners' summary
(``Learner.digital_skills_at``): kept by the recording service, rebuilt from
the progress table, giving the very figures the definition gives (counted from
every learner's course progress, the slow way), and not used while the
definition has changed since it was built."""

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import SkillArea
from lms.learning.services.digital_families import (
    definition_current,
    skills_rebuild,
    summary_definition_is_current,
)
from lms.learning.services.records import event_record, events_record_batch
from lms.models import Learner, Place, Source, SummaryState
from lms.people.services.people import household_create
from lms.reports.filters import Period
from lms.reports.indicators import _digital_families, digital_families_counted
from tests.courses.factories import make_catalogue, make_course, make_lesson
from tests.lms.factories import LearnerFactory, place_tree

pytestmark = pytest.mark.django_db


def local(month, day):
    return timezone.make_aware(datetime.datetime(2026, month, day, 10, 0))


def complete(learner, lesson, when):
    event_record(
        event_id=uuid.uuid4(),
        learner=learner,
        verb="completed",
        occurred_at=when,
        source=Source.WEB,
        lesson=lesson,
    )


class Families:
    """Two basic skills: a one-lesson course teaches online public services
    (dvc), a two-lesson one online payment, a one-lesson one both. In Khóm 1,
    household 1 is Lan's (dvc in March, payment on 10/06) and household 2 is
    Đức's (dvc on 06/03, payment's second lesson on 20/06 until a phone sends
    it as done on 08/03) and Hoa's (both on 02/04). Bình (Khóm 2) only has
    dvc. In Thôn Một, Mai (both on 10/06) and Dũng (both on 05/03) each have
    their own household."""

    def __init__(self):
        self.places = place_tree()
        catalogue = make_catalogue()
        self.dvc = SkillArea.objects.create(
            name="Dịch vụ công trực tuyến", slug="dvc", kind="basic"
        )
        self.pay = SkillArea.objects.create(name="Thanh toán trực tuyến", slug="tt", kind="basic")
        self.courses = {}
        self.lessons = {}
        for key, title, lessons, areas in (
            ("dvc", "Dịch vụ công", 1, [self.dvc]),
            ("pay", "Thanh toán", 2, [self.pay]),
            ("both", "Công dân số", 1, [self.dvc, self.pay]),
        ):
            course = make_course(catalogue, title=title)
            self.lessons[key] = [
                make_lesson(course, title=f"Bài {n}", slug=f"bai-{n}")
                for n in range(1, lessons + 1)
            ]
            course.skill_areas.set(areas)
            course.save()
            self.courses[key] = course
        a1, a2, b1 = self.places["a1"], self.places["a2"], self.places["b1"]
        self.households = {
            name: household_create(village=village, name=name)
            for name, village in (("H1", a1), ("H2", a1), ("H3", a2), ("H4", b1), ("H5", b1))
        }
        self.people = {}
        for name, village, household in (
            ("Lan", a1, "H1"),
            ("Đức", a1, "H2"),
            ("Hoa", a1, "H2"),
            ("Bình", a2, "H3"),
            ("Mai", b1, "H4"),
            ("Dũng", b1, "H5"),
        ):
            self.people[name] = LearnerFactory(
                village=village, full_name=name, household=self.households[household]
            )

    def learn(self):
        p, lessons = self.people, self.lessons
        complete(p["Lan"], lessons["dvc"][0], local(3, 5))
        complete(p["Lan"], lessons["pay"][0], local(6, 10))
        complete(p["Lan"], lessons["pay"][1], local(6, 10))
        complete(p["Đức"], lessons["dvc"][0], local(3, 6))
        complete(p["Đức"], lessons["pay"][0], local(3, 5))
        complete(p["Đức"], lessons["pay"][1], local(6, 20))
        complete(p["Hoa"], lessons["both"][0], local(4, 2))
        complete(p["Bình"], lessons["dvc"][0], local(3, 5))
        complete(p["Mai"], lessons["both"][0], local(6, 10))
        complete(p["Dũng"], lessons["both"][0], local(3, 5))

    def late_evidence(self):
        """Đức's phone sends the second payment lesson, done on 08/03."""
        events_record_batch(
            learner=self.people["Đức"],
            events=[
                {
                    "id": str(uuid.uuid4()),
                    "verb": "completed",
                    "lesson": self.lessons["pay"][1].pk,
                    "occurred_at": local(3, 8).isoformat(),
                }
            ],
            source=Source.OFFLINE,
        )

    def skilled_at(self) -> dict[str, datetime.datetime | None]:
        return {
            name: Learner.objects.get(pk=learner.pk).digital_skills_at
            for name, learner in self.people.items()
        }


@pytest.fixture
def families():
    return Families()


ENDS = (None, (3, 7), (3, 31), (4, 30), (6, 30))


def period(end):
    return Period(None, datetime.date(2026, *end) if end else None)


def by_name(figures: dict[int, int]) -> dict[str, int]:
    names = dict(Place.objects.values_list("pk", "name"))
    return {names[pk]: n for pk, n in figures.items() if n}


def figures(place) -> dict:
    """The indicator as the report reads it, per period end, checked against
    the definition counted the slow way."""
    found = {}
    for end in ENDS:
        read = by_name(_digital_families(place, period(end)))
        assert read == by_name(digital_families_counted(place, period(end))), end
        found[end] = read
    return found


def reads_summary(place) -> bool:
    with CaptureQueriesContext(connection) as queries:
        _digital_families(place, Period())
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    return "lms_courseprogress" not in sql and "digital_skills_at" in sql


def test_the_recording_service_keeps_the_summary_and_it_gives_the_definitions_figures(families):
    skills_rebuild()  # before any learning: nobody has the skills
    families.learn()
    province = families.places["province"]
    assert reads_summary(province)
    assert families.skilled_at() == {
        "Lan": local(6, 10),
        "Đức": local(6, 20),
        "Hoa": local(4, 2),
        "Bình": None,
        "Mai": local(6, 10),
        "Dũng": local(3, 5),
    }
    before_late = figures(province)
    assert before_late[(3, 31)] == {"Thôn Một": 1}
    assert before_late[(4, 30)] == {"Khóm 1": 1, "Thôn Một": 1}

    families.late_evidence()  # Đức's payment course is now completed on 08/03
    assert families.skilled_at()["Đức"] == local(3, 8)
    assert reads_summary(province)
    assert figures(province) == {
        None: {"Khóm 1": 2, "Thôn Một": 2},
        (3, 7): {"Thôn Một": 1},
        (3, 31): {"Khóm 1": 1, "Thôn Một": 1},
        (4, 30): {"Khóm 1": 1, "Thôn Một": 1},
        (6, 30): {"Khóm 1": 2, "Thôn Một": 2},
    }
    assert figures(families.places["commune_b"])[(3, 31)] == {"Thôn Một": 1}
    assert figures(families.places["a2"]) == {end: {} for end in ENDS}


def test_a_learner_moving_household_moves_the_figure_with_them(families):
    skills_rebuild()
    families.learn()
    families.late_evidence()
    hoa = families.people["Hoa"]
    hoa.household = families.households["H1"]  # Lan's, not skilled until June
    hoa.save()
    province = families.places["province"]
    assert reads_summary(province)
    assert figures(province)[(4, 30)] == {"Khóm 1": 2, "Thôn Một": 1}
    bình = families.people["Bình"]
    for name in ("Đức", "Hoa", "Lan"):
        learner = families.people[name]
        learner.household = families.households["H3"]  # Bình's, in Khóm 2
        learner.village = bình.village
        learner.save()
    assert figures(province)[None] == {"Khóm 2": 1, "Thôn Một": 2}


def test_rebuild_gives_the_live_summary(families):
    skills_rebuild()
    families.learn()
    families.late_evidence()
    live = families.skilled_at()
    assert sum(1 for at in live.values() if at) == 5
    Learner.objects.update(digital_skills_at=None)
    Learner.objects.filter(pk=families.people["Bình"].pk).update(digital_skills_at=local(1, 1))
    call_command("rebuild_learning_state", stdout=io.StringIO())
    assert families.skilled_at() == live
    Learner.objects.update(digital_skills_at=local(1, 1))
    assert skills_rebuild() == 6  # every learner's value was wrong
    assert families.skilled_at() == live
    assert skills_rebuild() == 0  # nothing to write when nothing changed
    call_command(
        "rebuild_learning_state", learners=[families.people["Đức"].pk], stdout=io.StringIO()
    )
    assert families.skilled_at() == live


@pytest.mark.eager_tasks("the definition is a setting this test changes in its own process only")
def test_a_changed_definition_is_counted_the_slow_way_until_rebuilt(families, settings, tasks):
    skills_rebuild()
    families.learn()
    province = families.places["province"]
    settings.HOCVUSO = {**settings.HOCVUSO, "DIGITAL_FAMILY_SKILLS": ["dvc"]}
    assert not summary_definition_is_current()
    with tasks.run():
        assert not reads_summary(province)
        # Only online public services now: Bình's household counts too.
        assert by_name(_digital_families(province, Period())) == {
            "Khóm 1": 2,
            "Khóm 2": 1,
            "Thôn Một": 2,
        }
    # The report queued the rebuild; the summary answers the new definition.
    assert SummaryState.objects.get().definition == definition_current()
    assert reads_summary(province)
    assert figures(province)[None] == {"Khóm 1": 2, "Khóm 2": 1, "Thôn Một": 2}
    assert families.skilled_at()["Bình"] == local(3, 5)


@pytest.mark.eager_tasks("it reads the figures between the rebuild being queued and being run")
def test_an_editor_changing_skill_areas_rebuilds_the_summary(families, tasks):
    skills_rebuild()
    families.learn()
    province = families.places["province"]
    course = families.courses["dvc"]
    with tasks.run():
        course.skill_areas.add(families.pay)  # the dvc course now teaches payment too
        course.save_revision().publish()
        assert not summary_definition_is_current()
        # Lan (05/03), Đức (06/03) and Bình (05/03) now have both skills by March.
        assert figures(province)[(3, 31)] == {"Khóm 1": 2, "Khóm 2": 1, "Thôn Một": 1}
    assert summary_definition_is_current() and reads_summary(province)
    assert figures(province)[(3, 31)] == {"Khóm 1": 2, "Khóm 2": 1, "Thôn Một": 1}
    # A new basic skill nobody has learned: no household is a digital family.
    with tasks.run():
        SkillArea.objects.create(name="Mua sắm trực tuyến", slug="mua-sam", kind="basic")
    assert reads_summary(province)
    assert figures(province)[None] == {}


def test_before_the_first_rebuild_the_definition_is_counted(families):
    families.learn()
    assert not SummaryState.objects.exists()
    assert not reads_summary(families.places["province"])
    assert figures(families.places["province"])[None] == {"Khóm 1": 2, "Thôn Một": 2}
    assert set(families.skilled_at().values()) == {None}  # nothing kept before a rebuild


def test_recording_without_a_new_completion_leaves_the_summary_alone(families):
    skills_rebuild()
    families.learn()
    lan = families.people["Lan"]
    with CaptureQueriesContext(connection) as queries:
        complete(lan, families.lessons["dvc"][0], local(7, 1))  # done before: no change
    assert not any("digital_skills_at" in q["sql"] for q in queries.captured_queries)
    assert not any("lms_summarystate" in q["sql"] for q in queries.captured_queries)
