"""The one way learning evidence enters: ``event_record`` (and its batch form).

Whatever the source (a lesson page, a phone that was offline, a trainer's class
register, a verified national certificate), an event goes through here. In one
transaction it is appended to the log and the learner's derived state (lesson,
course and 4T program progress) is brought up to date by the rules set on the
pages. Completion signals go out after the commit.

Derived state is computed so that it does not depend on the order in which
events arrive (a phone may send yesterday's events after today's): earliest
start, latest activity, best score, earliest completion of each lesson, and a
course completed at the moment its last requirement was met. That is what lets
``rebuild_learning_state`` reproduce the live state from the log alone.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from courses.cache import live_pages, one_generation, published_objects
from courses.models import (
    CoursePage,
    EventPage,
    FourTProgramPage,
    LessonPage,
    NationalCourse,
    SkillArea,
    lessons_under,
)
from courses.models.pages import ProgramCourse
from lms.conf import lms_settings
from lms.learning import grading
from lms.learning.services.digital_families import learner_skills_refresh, skills_rebuild
from lms.learning.services.tallies import new_changes, tallies_rebuild, tally_apply, tally_changes
from lms.learning.services.target_groups import target_group_masks_refresh
from lms.models import (
    CourseProgress,
    Learner,
    LearningEvent,
    LessonProgress,
    NationalCompletion,
    ProgramProgress,
    Source,
    Verb,
)
from lms.signals import course_completed, program_completed

LESSON_VERBS = {Verb.OPENED, Verb.COMPLETED, Verb.COMPLETED_IN_CLASS}
COMPLETING_VERBS = {Verb.COMPLETED, Verb.COMPLETED_IN_CLASS}


@dataclass(frozen=True)
class RecordOutcome:
    event: LearningEvent
    created: bool


class BatchRejected(ValidationError):
    """A batch with at least one bad event; ``errors`` maps each bad event's
    position in the batch to its messages. Nothing was recorded."""

    def __init__(self, errors: dict[int, list[str]], message: str | None = None):
        self.errors = errors
        super().__init__(message or _("Some events could not be saved; none were."))


def parse_event_id(value: Any) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError(
            _("The event has an invalid identifier."), code="invalid_id"
        ) from None


def _clean_time(value: Any) -> datetime.datetime:
    if isinstance(value, str):
        try:
            value = parse_datetime(value)
        except ValueError:
            value = None
    if not isinstance(value, datetime.datetime):
        raise ValidationError(_("The event has no valid date and time."), code="invalid_time")
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    skew = datetime.timedelta(seconds=lms_settings.RECORD_CLOCK_SKEW_SECONDS)
    if value > timezone.now() + skew:
        raise ValidationError(
            _("The event is dated in the future. Check the date and time on the phone."),
            code="future",
        )
    return value


_UNKNOWN = object()


def _lesson_courses(lessons: Iterable[LessonPage]) -> dict[int, CoursePage]:
    """Each lesson's live course (lesson id -> course), in one query at most
    (none for lessons this process looked up since content last changed)."""
    parents = {lesson.pk: lesson.path[: -lesson.steplen] for lesson in lessons}
    if not parents:
        return {}

    def load(missing: set[int]) -> dict[int, CoursePage]:
        paths = {parents[pk] for pk in missing}
        live = CoursePage.objects.live().filter(path__in=paths)
        courses = {course.path: course for course in live}
        return {pk: courses[parents[pk]] for pk in missing if parents[pk] in courses}

    return published_objects("lesson-course", parents, load)


def _lesson_course(lesson: LessonPage) -> CoursePage | None:
    """The live course a lesson belongs to, in one query."""
    return _lesson_courses([lesson]).get(lesson.pk)


@dataclass
class _Clean:
    event_id: uuid.UUID
    verb: str
    occurred_at: datetime.datetime
    source: str
    lesson: LessonPage | None
    course: CoursePage | None
    program: FourTProgramPage | None
    national_course: NationalCourse | None
    result: dict
    context: dict
    event_page: EventPage | None = None


def _validate(
    *,
    event_id,
    verb,
    occurred_at,
    source,
    lesson,
    course,
    program,
    national_course,
    result,
    context,
    lesson_course: CoursePage | object | None = _UNKNOWN,
    event_page: EventPage | None = None,
) -> _Clean:
    """``lesson_course``: the lesson's live course, when the caller has
    looked it up already (None: it has none)."""
    event_id = parse_event_id(event_id)
    if verb not in Verb.values:
        raise ValidationError(_("This kind of learning event is not known."), code="invalid_verb")
    if source not in Source.values:
        raise ValidationError(
            _("This source of learning events is not known."), code="invalid_source"
        )
    occurred_at = _clean_time(occurred_at)
    result = dict(result or {})
    context = dict(context or {})

    if lesson is not None:
        if not isinstance(lesson, LessonPage) or not lesson.live:
            raise ValidationError(
                _("This lesson does not exist or is not published."), code="lesson"
            )
        if lesson_course is _UNKNOWN:
            lesson_course = _lesson_course(lesson)
        if lesson_course is None:
            raise ValidationError(
                _("This lesson does not exist or is not published."), code="lesson"
            )
        if course is not None and course.pk != lesson_course.pk:
            raise ValidationError(_("This lesson is not part of that course."), code="course")
        course = lesson_course
    elif course is not None and (not isinstance(course, CoursePage) or not course.live):
        raise ValidationError(_("This course does not exist or is not published."), code="course")
    if program is not None and (not isinstance(program, FourTProgramPage) or not program.live):
        raise ValidationError(_("This program does not exist or is not published."), code="program")

    if verb in LESSON_VERBS and lesson is None:
        raise ValidationError(_("Say which lesson this event is about."), code="lesson")
    if verb == Verb.CERTIFICATE_VERIFIED and national_course is None:
        raise ValidationError(
            _("Say which national course the certificate is for."), code="national_course"
        )
    if event_page is not None and (not isinstance(event_page, EventPage) or not event_page.live):
        raise ValidationError(_("This event does not exist or is not published."), code="event")
    if verb == Verb.ATTENDED and event_page is None:
        raise ValidationError(_("Say which event was attended."), code="event")
    if verb == Verb.ANSWERED:
        if lesson is not None:
            questions = lesson.knowledge_check_questions()
            pass_mark = lesson.knowledge_check_pass_mark
        elif course is not None:
            questions = course.final_check_questions()
            pass_mark = course.final_check_pass_mark
        else:
            raise ValidationError(_("Say which lesson or course was answered."), code="lesson")
        if not questions:
            raise ValidationError(_("There is no knowledge check here to answer."), code="no_check")
        answers = grading.clean_answers(questions, result.get("answers"))
        result = grading.grade(questions, answers, pass_mark)
    return _Clean(
        event_id=event_id,
        verb=verb,
        occurred_at=occurred_at,
        source=source,
        lesson=lesson,
        course=course,
        program=program,
        national_course=national_course,
        result=result,
        context=context,
        event_page=event_page,
    )


def _same_content(event: LearningEvent, learner: Learner, clean: _Clean) -> bool:
    """Whether a replayed event says the same thing as the recorded one. The
    time is not compared: a form sent twice is the same act."""
    same = (
        event.learner_id == learner.pk
        and event.verb == clean.verb
        and event.lesson_id == (clean.lesson.pk if clean.lesson else None)
        and event.course_id == (clean.course.pk if clean.course else None)
        and event.program_id == (clean.program.pk if clean.program else None)
        and event.national_course_id
        == (clean.national_course.pk if clean.national_course else None)
        and event.event_page_id == (clean.event_page.pk if clean.event_page else None)
    )
    if same and clean.verb == Verb.ANSWERED:
        same = (event.result or {}).get("answers") == clean.result.get("answers")
    return same


# Each recording reads the content generation once (see ``one_generation``).
@one_generation()
def event_record(
    *,
    event_id: uuid.UUID,
    learner: Learner,
    verb: str,
    occurred_at: datetime.datetime,
    source: str,
    recorded_by=None,
    lesson: LessonPage | None = None,
    course: CoursePage | None = None,
    program: FourTProgramPage | None = None,
    national_course: NationalCourse | None = None,
    event_page: EventPage | None = None,
    result: dict | None = None,
    context: dict | None = None,
) -> RecordOutcome:
    """Record one learning event and bring the learner's progress up to date.

    Idempotent on ``event_id``: sending the same event again returns the
    recorded one and changes nothing; the same id with different content is
    refused (ValidationError). For ``answered`` events ``result["answers"]``
    is graded here, against the page's current questions and pass mark, so
    no client can claim a pass. Raises ValidationError with a translated
    message for anything that cannot be recorded; nothing is saved then.
    """
    clean = _validate(
        event_id=event_id,
        verb=verb,
        occurred_at=occurred_at,
        source=source,
        lesson=lesson,
        course=course,
        program=program,
        national_course=national_course,
        event_page=event_page,
        result=result,
        context=context,
    )
    try:
        with transaction.atomic():
            return _record_many([clean], learner=learner, recorded_by=recorded_by)[0]
    except _Conflict:
        raise _conflict_error() from None


class _Conflict(Exception):
    """An event id already recorded with other content: the event at
    ``index`` in the batch, or one of ``ids`` (another transaction recorded
    it meanwhile; :meth:`position` finds which, once the caller's
    transaction is rolled back)."""

    def __init__(self, index: int | None = None, ids: list | None = None):
        self.index = index
        self.ids = ids or []

    def position(self, cleaned: list[_Clean]) -> int:
        if self.index is not None:
            return self.index
        taken = set(LearningEvent.objects.filter(pk__in=self.ids).values_list("pk", flat=True))
        return next((i for i, clean in enumerate(cleaned) if clean.event_id in taken), 0)


def _conflict_error() -> ValidationError:
    return ValidationError(
        _("This event was already recorded with different content."), code="conflict"
    )


def _record_many(cleaned: list[_Clean], *, learner: Learner, recorded_by) -> list[RecordOutcome]:
    """Record validated events of one learner, in the caller's transaction.

    A batch costs a fixed handful of statements, not a handful per event:
    the learner's row is locked, the ids already recorded are read at once,
    the new events are inserted together, the learner's progress rows that
    the events touch are read once, the events are folded into them in
    memory by the same rules as everywhere else (``_fold_event``), and the
    changed rows and the tallies are written back together. Raises
    ``_Conflict`` for an id recorded before with different content.
    """
    # One learner's events are recorded one batch at a time: the row lock
    # serialises concurrent submissions (two tabs, a retried batch) so the
    # duplicate check and the progress update never race.
    locked = (
        Learner.objects.select_for_update()
        .only("pk", "village_id", "target_group_mask")
        .get(pk=learner.pk)
    )
    existing = LearningEvent.objects.in_bulk([clean.event_id for clean in cleaned])
    outcomes: list[RecordOutcome] = []
    new_events: list[LearningEvent] = []
    for index, clean in enumerate(cleaned):
        found = existing.get(clean.event_id)
        if found is not None:
            if not _same_content(found, learner, clean):
                raise _Conflict(index)
            outcomes.append(RecordOutcome(found, False))
            continue
        event = LearningEvent(
            id=clean.event_id,
            learner=learner,
            village_id=locked.village_id,
            verb=clean.verb,
            lesson=clean.lesson,
            course=clean.course,
            program=clean.program,
            national_course=clean.national_course,
            event_page=clean.event_page,
            result=clean.result,
            occurred_at=clean.occurred_at,
            source=clean.source,
            recorded_by=recorded_by,
            context=clean.context,
        )
        existing[clean.event_id] = event  # the same id twice in one batch: once
        new_events.append(event)
        outcomes.append(RecordOutcome(event, True))
    if not new_events:
        return outcomes
    try:
        LearningEvent.objects.bulk_create(new_events)
    except IntegrityError:
        # Another transaction recorded one of these ids for another learner.
        # No savepoint is paid for this rare case: the caller's transaction
        # is rolled back, and then the id is looked up.
        raise _Conflict(ids=[event.pk for event in new_events]) from None

    rules = CachedPageRules()
    for clean in cleaned:
        if clean.course is not None:
            rules.know(clean.course)
    store = _LearnerStore(learner.pk, new_events, rules)
    changes = new_changes()
    courses_moved: set[int] = set()
    national_moved: set[int] = set()
    for event in new_events:
        before = store.completions(event)
        completions = _fold_event(event, store, rules)
        after = store.completions(event)
        tally_changes(changes, event.occurred_at, before, after)
        if after[1] != before[1]:
            # The learner completed the course, or late evidence moved it earlier.
            if event.national_course_id is not None:
                national_moved.add(event.national_course_id)
            else:
                courses_moved.add(event.course_id)
        for kind, obj, completed_at in completions:
            signal = course_completed if kind == "course" else program_completed
            kwargs = {"learner": learner, kind: obj, "completed_at": completed_at}
            transaction.on_commit(
                lambda signal=signal, kwargs=kwargs: signal.send(sender=LearningEvent, **kwargs)
            )
    store.write()
    tally_apply(learner.pk, locked.village_id, locked.target_group_mask, changes)
    if courses_moved or national_moved:
        learner_skills_refresh(learner.pk, courses_moved, national_moved)
    return outcomes


# --- Derived state --------------------------------------------------------------
#
# The rules live in ``_fold_event`` and the functions it calls. They read and
# write progress through a store: ``_DatabaseStore`` (the recording service and
# ``rebuild_learning_state``: rows fetched and saved one event at a time) or
# ``MemoryStore`` (``learning_state_fold``: the same rows kept in memory, for
# bulk inserts). Either way the same rules produce the same rows.


class PageRules:
    """What the pages say about completion, read live from the database:
    a course's required lessons and final check, and the live 4T programs a
    course counts towards (with each pillar's courses)."""

    def course(self, event: LearningEvent) -> CoursePage | None:
        return event.course if event.course_id is not None else None

    def required_lesson_ids(self, course: CoursePage) -> list[int]:
        return course.required_lesson_ids()

    def has_final_check(self, course: CoursePage) -> bool:
        return course.final_check_pass_mark is not None

    def programs(self, course_id: int) -> list[tuple[int, list[list[int]]]]:
        """The live 4T programs the course counts towards, as ``(program id,
        the live course ids of each of its pillars)``."""
        return _program_rules({course_id})[course_id]

    def program_page(self, program_id: int) -> FourTProgramPage:
        return FourTProgramPage.objects.get(pk=program_id)


def _program_rules(course_ids: set[int]) -> dict[int, list[tuple[int, list[list[int]]]]]:
    """For each course, the live 4T programs it counts towards with every
    pillar's live course ids (every 4T pillar counts, even one without
    courses yet): three light queries for any number of courses."""
    links = ProgramCourse.objects.filter(course_id__in=course_ids, program__live=True).values_list(
        "course_id", "program_id"
    )
    by_course: dict[int, set[int]] = {pk: set() for pk in course_ids}
    for course_id, program_id in links:
        by_course[course_id].add(program_id)
    wanted = set().union(*by_course.values())
    pillars: dict[int, dict[int, list[int]]] = {}
    if wanted:
        every_pillar = list(SkillArea.objects.pillars().values_list("pk", flat=True))
        pillars = {pk: {pillar: [] for pillar in every_pillar} for pk in wanted}
        rows = (
            ProgramCourse.objects.filter(program_id__in=wanted, course__live=True)
            .order_by("sort_order")
            .values_list("program_id", "pillar_id", "course_id")
        )
        for program_id, pillar_id, course_id in rows:
            pillars[program_id].setdefault(pillar_id, []).append(course_id)
    return {
        course_id: [(pk, list(pillars[pk].values())) for pk in sorted(program_ids)]
        for course_id, program_ids in by_course.items()
    }


class CachedPageRules(PageRules):
    """The same rules, read once: for folding many events at a time while
    the pages do not change."""

    def __init__(self):
        self._courses: dict[int, CoursePage | None] = {}
        self._required: dict[int, list[int]] = {}
        self._final: dict[int, bool] = {}
        self._programs: dict[int, list] = {}
        self._program_courses: set[int] = set()
        self._program_pages: dict[int, FourTProgramPage] = {}

    def course(self, event):
        if event.course_id is None:
            return None
        if event.course_id not in self._courses:
            self._courses[event.course_id] = CoursePage.objects.filter(pk=event.course_id).first()
        return self._courses[event.course_id]

    def know(self, course: CoursePage) -> None:
        """A course already read (the recording service validated it live)."""
        self._courses.setdefault(course.pk, course)

    def preload(self, courses: Iterable[CoursePage]) -> None:
        """Read the rules of these courses at once: their required lessons in
        one query now; the live 4T programs they count towards, in a few
        queries for all of them, when one is first asked for (only a
        completed course needs them)."""
        todo = {course.pk: course for course in courses if course.pk not in self._required}
        if not todo:
            return

        def load(missing: set[int]) -> dict[int, tuple[int, ...]]:
            parents = {todo[pk].path: pk for pk in missing}
            required: dict[int, list[int]] = {pk: [] for pk in missing}
            lessons = lessons_under([todo[pk] for pk in missing]).filter(required=True)
            steplen = LessonPage.steplen
            for pk, path in lessons.values_list("pk", "path"):
                course_id = parents.get(path[:-steplen])
                if course_id is not None:
                    required[course_id].append(pk)
            return {pk: tuple(ids) for pk, ids in required.items()}

        # What the pages say changes only when content is published.
        required = published_objects("required-lessons", todo, load)
        self._required.update({pk: list(ids) for pk, ids in required.items()})
        self._program_courses.update(todo)

    def required_lesson_ids(self, course):
        if course.pk not in self._required:
            self._required[course.pk] = super().required_lesson_ids(course)
        return self._required[course.pk]

    def has_final_check(self, course):
        if course.pk not in self._final:
            self._final[course.pk] = super().has_final_check(course)
        return self._final[course.pk]

    def programs(self, course_id):
        if course_id not in self._programs:
            todo = (self._program_courses | {course_id}) - set(self._programs)
            self._programs.update(_program_rules(todo))
        return self._programs[course_id]

    def program_page(self, program_id):
        if program_id not in self._program_pages:
            self._program_pages[program_id] = super().program_page(program_id)
        return self._program_pages[program_id]


class _DatabaseStore:
    def lesson(self, learner_id, lesson_id, defaults) -> LessonProgress:
        return LessonProgress.objects.get_or_create(
            learner_id=learner_id, lesson_id=lesson_id, defaults=defaults
        )[0]

    def course(self, learner_id, course_id, defaults) -> CourseProgress:
        return CourseProgress.objects.get_or_create(
            learner_id=learner_id, course_id=course_id, defaults=defaults
        )[0]

    def program(self, learner_id, program_id, defaults) -> ProgramProgress:
        return ProgramProgress.objects.get_or_create(
            learner_id=learner_id, program_id=program_id, defaults=defaults
        )[0]

    def national(self, learner_id, course_id, defaults) -> NationalCompletion:
        return NationalCompletion.objects.get_or_create(
            learner_id=learner_id, course_id=course_id, defaults=defaults
        )[0]

    def save(self, progress) -> None:
        progress.save()

    def lessons_done(self, learner_id, lesson_ids) -> tuple[int, datetime.datetime | None]:
        done = LessonProgress.objects.filter(
            learner_id=learner_id, lesson_id__in=lesson_ids, completed_at__isnull=False
        ).aggregate(count=Count("pk"), last=Max("completed_at"))
        return done["count"], done["last"]

    def courses_completed(self, learner_id, course_ids) -> dict[int, datetime.datetime]:
        return dict(
            CourseProgress.objects.filter(
                learner_id=learner_id, course_id__in=course_ids, completed_at__isnull=False
            ).values_list("course_id", "completed_at")
        )


class MemoryStore:
    """Progress rows kept in memory (unsaved model instances), keyed by
    learner and lesson, course or program: what ``learning_state_fold``
    returns for bulk insertion."""

    def __init__(self):
        self.lessons: dict[tuple[int, int], LessonProgress] = {}
        self.courses: dict[tuple[int, int], CourseProgress] = {}
        self.programs: dict[tuple[int, int], ProgramProgress] = {}
        self.nationals: dict[tuple[int, int], NationalCompletion] = {}

    def lesson(self, learner_id, lesson_id, defaults):
        key = (learner_id, lesson_id)
        if key not in self.lessons:
            self.lessons[key] = LessonProgress(
                learner_id=learner_id, lesson_id=lesson_id, **defaults
            )
        return self.lessons[key]

    def course(self, learner_id, course_id, defaults):
        key = (learner_id, course_id)
        if key not in self.courses:
            self.courses[key] = CourseProgress(
                learner_id=learner_id, course_id=course_id, **defaults
            )
        return self.courses[key]

    def program(self, learner_id, program_id, defaults):
        key = (learner_id, program_id)
        if key not in self.programs:
            self.programs[key] = ProgramProgress(
                learner_id=learner_id, program_id=program_id, **defaults
            )
        return self.programs[key]

    def national(self, learner_id, course_id, defaults):
        key = (learner_id, course_id)
        if key not in self.nationals:
            self.nationals[key] = NationalCompletion(
                learner_id=learner_id, course_id=course_id, **defaults
            )
        return self.nationals[key]

    def save(self, progress) -> None:
        pass

    def lessons_done(self, learner_id, lesson_ids):
        times = [
            p.completed_at
            for lesson_id in lesson_ids
            if (p := self.lessons.get((learner_id, lesson_id))) is not None
            and p.completed_at is not None
        ]
        return len(times), max(times, default=None)

    def courses_completed(self, learner_id, course_ids):
        return {
            course_id: p.completed_at
            for course_id in course_ids
            if (p := self.courses.get((learner_id, course_id))) is not None
            and p.completed_at is not None
        }


class _LearnerStore(MemoryStore):
    """One learner's progress rows that a batch of new events can touch,
    read in a few queries and written back in a few (``write``): the rows of
    the events' lessons and of their courses' required lessons, every course
    row of the learner, its national completions when a certificate is
    among the events, and (only when a course is completed) every 4T program
    row. ``_fold_event`` changes them in memory."""

    def __init__(self, learner_id: int, events: list[LearningEvent], rules: CachedPageRules):
        super().__init__()
        self.learner_id = learner_id
        self._changed: dict[int, Any] = {}
        self._programs_loaded = False
        lesson_ids = {event.lesson_id for event in events if event.lesson_id is not None}
        rules.preload(
            {course.pk: course for e in events if (course := rules.course(e)) is not None}.values()
        )
        for event in events:
            course = rules.course(event)
            if course is not None:
                lesson_ids.update(rules.required_lesson_ids(course))
        for row in LessonProgress.objects.filter(learner_id=learner_id, lesson_id__in=lesson_ids):
            self.lessons[(learner_id, row.lesson_id)] = row
        for row in CourseProgress.objects.filter(learner_id=learner_id):
            self.courses[(learner_id, row.course_id)] = row
        national_ids = {e.national_course_id for e in events if e.national_course_id is not None}
        if national_ids:
            for row in NationalCompletion.objects.filter(
                learner_id=learner_id, course_id__in=national_ids
            ):
                self.nationals[(learner_id, row.course_id)] = row

    def program(self, learner_id, program_id, defaults):
        if not self._programs_loaded:
            for row in ProgramProgress.objects.filter(learner_id=learner_id):
                self.programs.setdefault((learner_id, row.program_id), row)
            self._programs_loaded = True
        return super().program(learner_id, program_id, defaults)

    def save(self, progress) -> None:
        self._changed[id(progress)] = progress

    def completions(self, event: LearningEvent) -> tuple:
        """When the event's lesson and course (local or national) were
        completed, as it stands."""
        lesson = self.lessons.get((self.learner_id, event.lesson_id))
        if event.national_course_id is not None:
            course = self.nationals.get((self.learner_id, event.national_course_id))
        else:
            course = self.courses.get((self.learner_id, event.course_id))
        return (
            lesson.completed_at if lesson is not None else None,
            course.completed_at if course is not None else None,
        )

    def write(self) -> None:
        for model in (LessonProgress, CourseProgress, ProgramProgress, NationalCompletion):
            rows = [row for row in self._changed.values() if isinstance(row, model)]
            new = [row for row in rows if row.pk is None]
            old = [row for row in rows if row.pk is not None]
            if new:
                model.objects.bulk_create(new)
            if old:
                _update_rows(model, old)
        self._changed.clear()


def _update_rows(model, rows: list) -> None:
    """Save changed progress rows: one parameterised UPDATE sent for all of
    them at once (``executemany``; psycopg pipelines it), which costs far
    less to build than ``bulk_update``'s CASE expressions."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in ("learner", "lesson", "course", "program")
    ] + [f for f in model._meta.concrete_fields if f.name == "course" and model is LessonProgress]
    qn = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - names are the model's own
        qn(model._meta.db_table),
        ", ".join(f"{qn(f.column)} = %s" for f in fields),
        qn(model._meta.pk.column),
    )
    params = [
        [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields] + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


_LIVE_RULES = PageRules()


def apply_event(event: LearningEvent) -> list[tuple[str, Any, datetime.datetime]]:
    """Fold one event into its learner's progress. Returns the completions it
    caused, as ``("course", course, at)`` / ``("program", program, at)``."""
    return _fold_event(event, _DatabaseStore(), _LIVE_RULES)


def learning_state_fold(events: Iterable[LearningEvent], rules: PageRules | None = None):
    """Fold events, already in log order (learner, occurred_at, recorded_at,
    id), into progress kept in memory by exactly the rules of
    ``event_record``; nothing is read from or written to the progress tables.
    Returns the ``MemoryStore`` and the completions, as
    ``(learner_id, kind, page, completed_at)``, for bulk insertion of the
    derived state of events inserted in bulk (``generate_load_data``)."""
    store = MemoryStore()
    rules = rules or CachedPageRules()
    completions = []
    for event in events:
        for kind, obj, at in _fold_event(event, store, rules):
            completions.append((event.learner_id, kind, obj, at))
    return store, completions


def _fold_event(event, store, rules) -> list[tuple[str, Any, datetime.datetime]]:
    if event.learner_id is None:
        return []
    at = event.occurred_at
    if event.verb == Verb.CERTIFICATE_VERIFIED:
        if event.national_course_id is not None:
            _apply_certificate(event, store)
        return []
    if event.lesson_id is not None:
        _apply_lesson(event, store)
    course = rules.course(event)
    if course is None:
        return []
    course_progress = store.course(
        event.learner_id,
        event.course_id,
        {"started_at": at, "last_activity_at": at, "last_lesson_id": event.lesson_id},
    )
    if event.verb == Verb.ANSWERED and event.lesson_id is None:
        _apply_final_check(course_progress, event)
    course_progress.started_at = min(course_progress.started_at, at)
    if at >= course_progress.last_activity_at:
        course_progress.last_activity_at = at
        if event.lesson_id is not None:
            course_progress.last_lesson_id = event.lesson_id
    was_complete = course_progress.completed_at is not None
    _refresh_course(course_progress, course, store, rules)
    store.save(course_progress)
    completions: list[tuple[str, Any, datetime.datetime]] = []
    if course_progress.completed_at is not None and not was_complete:
        completions.append(("course", course, course_progress.completed_at))
    if course_progress.completed_at is not None:
        completions += _refresh_programs(event.learner_id, course.pk, at, store, rules)
    return completions


def _apply_certificate(event: LearningEvent, store) -> None:
    """A verified national certificate: the national course is completed, at
    the earliest verification (a second one changes nothing)."""
    at = event.occurred_at
    completion = store.national(event.learner_id, event.national_course_id, {"completed_at": at})
    if at < completion.completed_at:
        completion.completed_at = at
    store.save(completion)


def _apply_lesson(event: LearningEvent, store) -> None:
    at = event.occurred_at
    progress = store.lesson(
        event.learner_id,
        event.lesson_id,
        {"course_id": event.course_id, "started_at": at, "last_activity_at": at},
    )
    progress.started_at = min(progress.started_at, at)
    progress.last_activity_at = max(progress.last_activity_at, at)
    completes = event.verb in COMPLETING_VERBS
    if event.verb == Verb.ANSWERED:
        result = event.result or {}
        progress.attempts += 1
        score = result.get("score")
        if score is not None:
            progress.best_score = max(progress.best_score or 0, int(score))
        last_at = (progress.last_result or {}).get("occurred_at")
        if last_at is None or at.isoformat() >= last_at:
            progress.last_result = {**result, "occurred_at": at.isoformat()}
        completes = bool(result.get("success"))
    if completes:
        progress.progress = 1.0
        if progress.completed_at is None or at < progress.completed_at:
            progress.completed_at = at
    store.save(progress)


def _apply_final_check(course_progress: CourseProgress, event: LearningEvent) -> None:
    at = event.occurred_at
    result = event.result or {}
    score = result.get("score")
    if score is not None:
        course_progress.final_check_best_score = max(
            course_progress.final_check_best_score or 0, int(score)
        )
    last_at = (course_progress.final_check_last_result or {}).get("occurred_at")
    if last_at is None or at.isoformat() >= last_at:
        course_progress.final_check_last_result = {**result, "occurred_at": at.isoformat()}
    if result.get("success") and (
        course_progress.final_check_passed_at is None or at < course_progress.final_check_passed_at
    ):
        course_progress.final_check_passed_at = at


def _refresh_course(progress: CourseProgress, course: CoursePage, store, rules) -> None:
    """Percentage and completion by the course page's rules: every required
    lesson complete, plus the final check passed where the editor set one."""
    required = rules.required_lesson_ids(course)
    done_count, done_last = store.lessons_done(progress.learner_id, required)
    has_final = rules.has_final_check(course)
    total = len(required) + (1 if has_final else 0)
    achieved = done_count + (1 if has_final and progress.final_check_passed_at else 0)
    progress.lessons_completed = done_count
    complete = total > 0 and achieved >= total
    met_at = None
    if complete:
        final_at = progress.final_check_passed_at if has_final else None
        met_at = max(t for t in (done_last, final_at) if t)
    if progress.completed_at is not None:
        # Completion is never taken back (an editor may add lessons later);
        # evidence sent late by an offline phone may only make it earlier.
        progress.percentage = 100
        if met_at is not None and met_at < progress.completed_at:
            progress.completed_at = met_at
        return
    if complete:
        progress.completed_at = met_at
        progress.percentage = 100
    else:
        progress.percentage = min(99, (100 * achieved) // total) if total else 0


def _refresh_programs(learner_id: int, course_id: int, at, store, rules) -> list:
    completions = []
    for program_id, by_pillar in rules.programs(course_id):
        course_ids = {pk for pillar in by_pillar for pk in pillar}
        completed = store.courses_completed(learner_id, course_ids)
        pillar_times = []
        for pillar in by_pillar:
            times = [completed[pk] for pk in pillar if pk in completed]
            if times:
                pillar_times.append(min(times))
        progress = store.program(
            learner_id,
            program_id,
            {"started_at": at, "last_activity_at": at, "pillars_total": len(by_pillar)},
        )
        was_complete = progress.completed_at is not None
        progress.started_at = min(progress.started_at, at)
        progress.last_activity_at = max(progress.last_activity_at, at)
        all_pillars = bool(by_pillar) and len(pillar_times) == len(by_pillar)
        if not was_complete:
            progress.pillars_total = len(by_pillar)
            progress.pillars_completed = min(len(pillar_times), progress.pillars_total)
            if all_pillars:
                progress.completed_at = max(pillar_times)
                completions.append(
                    ("program", rules.program_page(program_id), progress.completed_at)
                )
        elif all_pillars and max(pillar_times) < progress.completed_at:
            progress.completed_at = max(pillar_times)  # earlier evidence arrived late
        store.save(progress)
    return completions


# --- Batches --------------------------------------------------------------------


def _resolve(model, ids: Iterable[Any]) -> dict[int, Any]:
    """The live pages of ``model`` with these ids (others are absent)."""
    wanted = {int(i) for i in ids if isinstance(i, int) and not isinstance(i, bool)}
    return live_pages(model, wanted) if wanted else {}


@one_generation()
def events_record_batch(
    *, learner: Learner, events: list[dict], source: str, recorded_by=None
) -> list[RecordOutcome]:
    """Record events a phone kept while it was offline: all or nothing.

    Each event is a dict ``{"id": uuid, "verb": ..., "lesson": page id,
    "course": page id, "occurred_at": ISO 8601, "answers": {...}}``; an
    optional ``"learner"`` must be this learner's id. Every event is
    validated before any is recorded; if one is bad, BatchRejected says
    which and why, and nothing is saved. Replaying a batch changes nothing.
    """
    if not isinstance(events, list) or not events:
        raise BatchRejected({}, _("There are no events to save."))
    limit = lms_settings.RECORD_BATCH_MAX
    if len(events) > limit:
        raise BatchRejected(
            {},
            _("Too many events at once: send at most %(limit)d.") % {"limit": limit},
        )
    lessons = _resolve(LessonPage, (e.get("lesson") for e in events if isinstance(e, dict)))
    courses = _resolve(CoursePage, (e.get("course") for e in events if isinstance(e, dict)))
    lesson_courses = _lesson_courses(lessons.values())
    errors: dict[int, list[str]] = {}
    cleaned: list[_Clean] = []
    seen: dict[uuid.UUID, _Clean] = {}
    for index, raw in enumerate(events):
        try:
            if not isinstance(raw, dict):
                raise ValidationError(_("The event could not be read."), code="invalid")
            if raw.get("learner") not in (None, learner.pk):
                raise ValidationError(
                    _("You can only record your own learning."), code="other_learner"
                )
            lesson = course = None
            if raw.get("lesson") is not None:
                lesson = lessons.get(raw["lesson"]) if isinstance(raw["lesson"], int) else None
                if lesson is None:
                    raise ValidationError(
                        _("This lesson does not exist or is not published."), code="lesson"
                    )
            if raw.get("course") is not None:
                course = courses.get(raw["course"]) if isinstance(raw["course"], int) else None
                if course is None:
                    raise ValidationError(
                        _("This course does not exist or is not published."), code="course"
                    )
            answers = raw.get("answers")
            clean = _validate(
                event_id=raw.get("id"),
                verb=raw.get("verb"),
                occurred_at=raw.get("occurred_at"),
                source=source,
                lesson=lesson,
                course=course,
                program=None,
                national_course=None,
                result={"answers": answers} if answers is not None else None,
                context=None,
                lesson_course=lesson_courses.get(lesson.pk) if lesson is not None else None,
            )
            if clean.verb not in (*LESSON_VERBS - {Verb.COMPLETED_IN_CLASS}, Verb.ANSWERED):
                raise ValidationError(
                    _("This kind of learning event cannot be sent from a phone."),
                    code="invalid_verb",
                )
            previous = seen.get(clean.event_id)
            if previous is not None and previous != clean:
                raise ValidationError(
                    _("Two events in this batch share an identifier."), code="conflict"
                )
            seen[clean.event_id] = clean
            cleaned.append(clean)
        except ValidationError as error:
            errors[index] = error.messages
    if errors:
        raise BatchRejected(errors)
    try:
        with transaction.atomic():
            return _record_many(cleaned, learner=learner, recorded_by=recorded_by)
    except _Conflict as conflict:
        raise BatchRejected({conflict.position(cleaned): _conflict_error().messages}) from None


# --- Rebuild --------------------------------------------------------------------


def learning_state_rebuild(*, learner_ids: Iterable[int] | None = None) -> int:
    """Recompute all derived progress (and the target group masks, tallies
    and digital-family summary reports read) from the event log and the
    learners' target groups; returns the number of events
    replayed. No signals are sent (certificates already exist)."""
    with transaction.atomic():
        scope = Q(learner__isnull=False)
        if learner_ids is not None:
            learner_ids = list(learner_ids)
            scope &= Q(learner_id__in=learner_ids)
            targets = {"learner_id__in": learner_ids}
        else:
            targets = {}
        LessonProgress.objects.filter(**targets).delete()
        CourseProgress.objects.filter(**targets).delete()
        ProgramProgress.objects.filter(**targets).delete()
        NationalCompletion.objects.filter(**targets).delete()
        count = 0
        events = (
            LearningEvent.objects.filter(scope)
            .select_related("course")
            .order_by("learner_id", "occurred_at", "recorded_at", "id")
        )
        for event in events.iterator(chunk_size=500):
            apply_event(event)
            count += 1
        target_group_masks_refresh(learner_ids)
        tallies_rebuild(learner_ids=learner_ids)
        skills_rebuild(learner_ids=learner_ids)
    return count
