"""What ``generate_load_data`` builds on top of people: generated courses,
staff, classes, learning events with their derived progress, national
certificate claims and local certificates.

Events are inserted in bulk and their derived state (lesson, course and 4T
program progress, and the certificates the completions would have issued) is
computed by ``lms.learning.services.records.learning_state_fold``: the rules of the
recording service, applied in memory, so ``rebuild_learning_state`` finds
nothing to change. On PostgreSQL rows go in with COPY, elsewhere with
bulk_create.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import random
import uuid
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, models
from wagtail.models import Page, Site

from courses.models import (
    CataloguePage,
    CoursePage,
    FourTProgramPage,
    LessonPage,
    NationalCourse,
    ProgramCourse,
    SkillArea,
)
from lms.certificates.services import issuer_name_for
from lms.classes.services import _occurred_at as class_occurred_at
from lms.classes.services import class_event_id
from lms.learning import grading
from lms.learning.services.records import CachedPageRules, learning_state_fold
from lms.learning.services.tallies import tallies_rebuild
from lms.models import (
    Attendance,
    CertificateClaim,
    CertificateClaimLog,
    ClaimAction,
    ClaimStatus,
    ClassSession,
    CourseProgress,
    FileKind,
    FileState,
    Grant,
    Learner,
    LearningEvent,
    LessonProgress,
    NationalCompletion,
    Place,
    ProgramProgress,
    Role,
    Source,
    TrainingClass,
    Verb,
)
from lms.models.certificates import CODE_ALPHABET, CODE_LENGTH, Certificate
from lms.national.services import claim_event_id, number_key

PREFIX = "load-"
BATCH = 1000
# Nothing generated happens after this moment, whenever the command runs.
REFERENCE_TIME = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)
EVENT_NAMESPACE = uuid.UUID("3f6c2b0e-8d1a-5e4f-9b7c-1a2d3e4f5a6b")
CATALOGUE_SLUG = f"{PREFIX}khoa-hoc"
PROGRAM_SLUG = f"{PREFIX}chuong-trinh-4t"
NATIONAL_URL = "https://binhdanhocvuso.gov.vn/khoa-hoc/" + PREFIX

# Five generated courses of eight lessons (40 lessons). Lessons with an even
# number end with a knowledge check; courses 1 and 4 have a final check.
COURSES = [
    ("Dùng điện thoại thông minh an toàn", True),
    ("Thanh toán không dùng tiền mặt", False),
    ("Dịch vụ công trực tuyến", False),
    ("Bán hàng trên mạng", True),
    ("Tìm kiếm và đánh giá thông tin", False),
]
LESSONS_PER_COURSE = 8
COURSE_POPULARITY = [6, 4, 3, 2, 2]


@dataclass(frozen=True)
class Density:
    """How much each learner does. Province scale uses less, so a million
    learners fit in minutes; the docstring of the command gives the figures."""

    active: float  # share of learners who open at least one lesson online
    next_course: float  # chance of starting another course after one
    classes_per_village: int
    claim: float  # share of learners who claim a national certificate


FULL = Density(active=0.93, next_course=0.86, classes_per_village=3, claim=0.08)
LIGHT = Density(active=0.12, next_course=0.4, classes_per_village=1, claim=0.02)


# --- generated course pages ---------------------------------------------------------------------
@dataclass
class Check:
    pass_mark: int
    passing: list[dict]
    failing: list[dict]


@dataclass
class LessonInfo:
    pk: int
    course_pk: int
    required: bool
    check: Check | None


@dataclass
class CourseInfo:
    pk: int
    title: str
    lessons: list[LessonInfo]
    final: Check | None
    page: CoursePage = field(repr=False)


@dataclass
class Content:
    courses: list[CourseInfo]
    program_pk: int | None
    program: FourTProgramPage | None
    national: list[int]
    issuers: dict[int, str]
    rules: CachedPageRules

    @property
    def lesson_count(self) -> int:
        return sum(len(c.lessons) for c in self.courses)


def _check_value(title: str, questions: list[tuple[str, list[tuple[str, bool]]]], pass_mark: int):
    return {
        "title": title,
        "pass_mark": pass_mark,
        "questions": [
            {
                "question": text,
                "kind": "single",
                "options": [
                    {"text": option, "correct": correct, "explanation": ""}
                    for option, correct in options
                ],
            }
            for text, options in questions
        ],
    }


def _questions(course: int, lesson: int, count: int):
    return [
        (
            f"Câu hỏi {n + 1} của bài {lesson} (khóa {course}): chọn cách làm đúng.",
            [("Làm theo hướng dẫn của bài học", True), ("Bỏ qua bước kiểm tra", False)],
        )
        for n in range(count)
    ]


def _graded(questions: list[dict], pass_mark: int) -> Check:
    """Every way of answering, graded as the recording service grades them."""
    choices = [[[option["id"]] for option in q["options"]] for q in questions]
    passing, failing = [], []
    for combo in itertools.product(*choices):
        answers = {q["id"]: chosen for q, chosen in zip(questions, combo, strict=True)}
        result = grading.grade(questions, grading.clean_answers(questions, answers), pass_mark)
        (passing if result["success"] else failing).append(result)
    return Check(pass_mark=pass_mark, passing=passing, failing=failing)


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _catalogue() -> Page:
    catalogue = CataloguePage.objects.exclude(slug=CATALOGUE_SLUG).first()
    if catalogue is not None:
        return catalogue
    existing = CataloguePage.objects.filter(slug=CATALOGUE_SLUG).first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page if site else Page.get_first_root_node()
    return _publish(
        home, CataloguePage(title="Khóa học (dữ liệu sinh tự động)", slug=CATALOGUE_SLUG)
    )


def ensure_content() -> Content:
    """The generated courses (and a 4T program when the 4T pillars exist), as
    live Wagtail pages under the catalogue; found by slug when already there."""
    catalogue = _catalogue()
    courses = []
    for number, (title, final_check) in enumerate(COURSES, start=1):
        slug = f"{PREFIX}khoa-{number}"
        page = CoursePage.objects.child_of(catalogue).filter(slug=slug).first()
        if page is None:
            page = _publish(
                catalogue,
                CoursePage(
                    title=f"{title} (dữ liệu sinh tự động)",
                    slug=slug,
                    summary=f"Khóa học sinh tự động số {number} để đo hiệu năng.",
                    estimated_minutes=10 * LESSONS_PER_COURSE,
                    final_check=(
                        [
                            (
                                "knowledge_check",
                                _check_value(
                                    "Bài kiểm tra cuối khóa", _questions(number, 0, 3), 70
                                ),
                            )
                        ]
                        if final_check
                        else []
                    ),
                ),
            )
        for lesson in range(1, LESSONS_PER_COURSE + 1):
            lesson_slug = f"{PREFIX}khoa-{number}-bai-{lesson}"
            if LessonPage.objects.child_of(page).filter(slug=lesson_slug).exists():
                continue
            body = [
                ("text", f"<p>Nội dung bài {lesson} của khóa “{title}”.</p>"),
            ]
            if lesson % 2 == 0:
                body.append(
                    (
                        "knowledge_check",
                        _check_value("", _questions(number, lesson, 2), 100 if lesson % 4 else 50),
                    )
                )
            _publish(
                page,
                LessonPage(
                    title=f"Bài {lesson}: {title.lower()}",
                    slug=lesson_slug,
                    summary="",
                    # The last lesson of the last course is optional reading.
                    required=not (number == len(COURSES) and lesson == LESSONS_PER_COURSE),
                    body=body,
                ),
            )
        courses.append(page)
    program = _ensure_program(catalogue, courses)
    rules = CachedPageRules()
    infos = []
    for page in courses:
        page = CoursePage.objects.get(pk=page.pk)
        lessons = []
        for lesson in page.lesson_pages().specific():
            questions = lesson.knowledge_check_questions()
            lessons.append(
                LessonInfo(
                    pk=lesson.pk,
                    course_pk=page.pk,
                    required=lesson.required,
                    check=(
                        _graded(questions, lesson.knowledge_check_pass_mark) if questions else None
                    ),
                )
            )
        final = page.final_check_questions()
        infos.append(
            CourseInfo(
                pk=page.pk,
                title=page.title,
                lessons=lessons,
                final=_graded(final, page.final_check_pass_mark) if final else None,
                page=page,
            )
        )
    issuers = {info.pk: issuer_name_for(info.page) for info in infos}
    if program is not None:
        issuers[program.pk] = issuer_name_for(program)
    return Content(
        courses=infos,
        program_pk=program.pk if program else None,
        program=program,
        national=ensure_national_courses(),
        issuers=issuers,
        rules=rules,
    )


def _ensure_program(catalogue: Page, courses: list[CoursePage]) -> FourTProgramPage | None:
    """A 4T program with courses 2 to 5 as its pillars, when the four pillars
    are in the taxonomy (the demo puts them there)."""
    pillars = list(SkillArea.objects.pillars())
    if not pillars:
        return None
    program = FourTProgramPage.objects.child_of(catalogue).filter(slug=PROGRAM_SLUG).first()
    if program is None:
        program = _publish(
            catalogue,
            FourTProgramPage(title="Chương trình 4T (dữ liệu sinh tự động)", slug=PROGRAM_SLUG),
        )
    for order, (pillar, course) in enumerate(zip(pillars, courses[1:], strict=False)):
        ProgramCourse.objects.get_or_create(
            program=program, course=course, defaults={"pillar": pillar, "sort_order": order}
        )
    return program


def ensure_national_courses() -> list[int]:
    """National courses that issue certificates: those in the catalogue, or
    three generated ones when there are none."""
    existing = list(
        NationalCourse.objects.filter(issues_certificate=True)
        .exclude(url__startswith=NATIONAL_URL)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if existing:
        return existing
    ids = []
    for n, title in enumerate(
        ["Kỹ năng số cơ bản", "An toàn thông tin cho người dân", "Dịch vụ công trực tuyến"], 1
    ):
        course, _created = NationalCourse.objects.get_or_create(
            url=f"{NATIONAL_URL}{n}",
            defaults={"title": f"{title} (dữ liệu sinh tự động)", "issues_certificate": True},
        )
        ids.append(course.pk)
    return ids


def purge_content() -> None:
    pages = Page.objects.filter(slug__startswith=PREFIX).order_by("-depth")
    for page in pages:
        if Page.objects.filter(pk=page.pk).exists():
            ProgramCourse.objects.filter(program_id=page.pk).delete()
            page.delete()
    NationalCourse.objects.filter(url__startswith=NATIONAL_URL).delete()


# --- writing rows fast --------------------------------------------------------------------------
def _columns(model, fields: list[str]) -> list[models.Field]:
    return [model._meta.get_field(name) for name in fields]


def insert_rows(model, fields: list[str], rows: list[tuple]) -> int:
    """Insert plain tuples (attribute values in ``fields`` order): COPY on
    PostgreSQL, bulk_create elsewhere."""
    if not rows:
        return 0
    columns = _columns(model, fields)
    json_at = [i for i, f in enumerate(columns) if isinstance(f, models.JSONField)]
    if connection.vendor == "postgresql":
        names = ", ".join(connection.ops.quote_name(f.column) for f in columns)
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                if json_at:
                    row = list(row)
                    for i in json_at:
                        row[i] = json.dumps(row[i])
                copy.write_row(row)
    else:
        attnames = [f.attname for f in columns]
        model.objects.bulk_create(
            [model(**dict(zip(attnames, row, strict=True))) for row in rows], batch_size=BATCH
        )
    return len(rows)


def insert_instances(model, instances: list) -> int:
    _fill_auto_dates(model, instances)
    fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    attnames = [f.attname for f in _columns(model, fields)]
    return insert_rows(
        model, fields, [tuple(getattr(obj, a) for a in attnames) for obj in instances]
    )


def create_instances(model, instances: list) -> list:
    """``bulk_create`` that is fast on PostgreSQL: ids are taken from the
    table's sequence first, then the rows (ids included) go in with COPY.
    Returns the instances, with their ids, as bulk_create does."""
    if connection.vendor != "postgresql" or not instances:
        return model.objects.bulk_create(instances, batch_size=BATCH)
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, len(instances)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    for obj, pk in zip(instances, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
    _fill_auto_dates(model, instances)
    fields = [f.name for f in model._meta.concrete_fields]
    attnames = [f.attname for f in _columns(model, fields)]
    insert_rows(model, fields, [tuple(getattr(obj, a) for a in attnames) for obj in instances])
    return instances


def _fill_auto_dates(model, instances: list) -> None:
    """What ``save`` and ``bulk_create`` do for auto_now(_add) fields."""
    for f in model._meta.concrete_fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in instances:
                if getattr(obj, f.attname) is None:
                    f.pre_save(obj, True)


# --- staff --------------------------------------------------------------------------------------
def staff_user(username: str, name: str, joined: datetime.datetime):
    family, *rest = name.split()
    return get_user_model()(
        username=username,
        first_name=" ".join(rest),
        last_name=family,
        email=f"{username}@example.invalid",
        password=UNUSABLE_PASSWORD_PREFIX + "generated",
        date_joined=joined,
    )


def generate_managers(ctx, root: Place, communes: list[Place]) -> None:
    """A manager for the province and one per commune (usernames
    ``load-manager`` and ``load-manager-c001``...)."""
    users = [
        staff_user(
            f"{PREFIX}manager", "Trần Văn Tỉnh", datetime.datetime(2024, 11, 1, tzinfo=datetime.UTC)
        )
    ]
    users += [
        staff_user(
            f"{PREFIX}manager-c{i + 1:03d}",
            "Lê Thị Xã",
            datetime.datetime(2024, 11, 1, tzinfo=datetime.UTC),
        )
        for i in range(len(communes))
    ]
    users = get_user_model().objects.bulk_create(users, batch_size=BATCH)
    grants = [
        Grant(user_id=users[0].pk, role=Role.MANAGER, place=root, created_at=users[0].date_joined)
    ]
    grants += [
        Grant(user_id=user.pk, role=Role.MANAGER, place=commune, created_at=user.date_joined)
        for user, commune in zip(users[1:], communes, strict=True)
    ]
    Grant.objects.bulk_create(grants, batch_size=BATCH)
    ctx.add("staff accounts", len(users))
    ctx.add("staff grants", len(grants))


# --- one village's learning --------------------------------------------------------------------
@dataclass(slots=True)
class Event:
    """A learning event as the fold reads it and the insert writes it."""

    id: uuid.UUID
    learner_id: int
    village_id: int
    verb: str
    lesson_id: int | None
    course_id: int | None
    national_course_id: int | None
    result: dict
    occurred_at: datetime.datetime
    recorded_at: datetime.datetime
    source: str
    recorded_by_id: int | None
    context: dict
    program_id: None = None

    def row(self) -> tuple:
        return (
            self.id,
            self.learner_id,
            self.village_id,
            self.verb,
            self.lesson_id,
            self.course_id,
            self.program_id,
            self.national_course_id,
            self.result,
            self.occurred_at,
            self.recorded_at,
            self.source,
            self.recorded_by_id,
            self.context,
        )


EVENT_FIELDS = [
    "id",
    "learner",
    "village",
    "verb",
    "lesson",
    "course",
    "program",
    "national_course",
    "result",
    "occurred_at",
    "recorded_at",
    "source",
    "recorded_by",
    "context",
]


class EventMaker:
    """Events of one learner, with ids derived from the seed and the
    learner's running number."""

    def __init__(self, seed: int, number: int, learner: Learner):
        self.seed, self.number, self.learner = seed, number, learner
        self.count = 0
        self.events: list[Event] = []

    def add(
        self,
        verb,
        at,
        *,
        lesson=None,
        course=None,
        national=None,
        result=None,
        source=Source.WEB,
        recorded_at=None,
        recorded_by=None,
        context=None,
        event_id=None,
    ):
        if event_id is None:
            event_id = uuid.uuid5(EVENT_NAMESPACE, f"{self.seed}:{self.number}:{self.count}")
            self.count += 1
        self.events.append(
            Event(
                id=event_id,
                learner_id=self.learner.pk,
                village_id=self.learner.village_id,
                verb=verb,
                lesson_id=lesson,
                course_id=course,
                national_course_id=national,
                result=result or {},
                occurred_at=at,
                recorded_at=recorded_at or at,
                source=source,
                recorded_by_id=recorded_by,
                context=context or {},
            )
        )


def _minutes(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=rng.randint(low, high))


def _attempts(
    maker, rng, check: Check, at, ok: float, source, **target
) -> tuple[bool, datetime.datetime]:
    for _attempt in range(3):
        passed = rng.random() < ok
        result = rng.choice(check.passing if passed else check.failing)
        maker.add(Verb.ANSWERED, at, result=result, source=source, **target)
        at += _minutes(rng, 1, 6)
        if passed:
            return True, at
        if at > REFERENCE_TIME:
            break
    return False, at


def web_learning(
    maker: EventMaker,
    rng: random.Random,
    content: Content,
    density: Density,
    signed_up: datetime.datetime,
) -> None:
    """A learner's own learning: many start, fewer finish. Lessons are opened
    in order; a knowledge check may take a few attempts (or stop the learner);
    some drop out after any lesson; some events arrive late from a phone that
    was offline."""
    if rng.random() >= density.active:
        return
    # A weighted shuffle: popular courses tend to come first.
    keys = [rng.random() ** (1 / weight) for weight in COURSE_POPULARITY[: len(content.courses)]]
    courses = [
        c for _key, c in sorted(zip(keys, content.courses, strict=True), key=lambda kc: -kc[0])
    ]
    count = 1
    while count < len(courses) and rng.random() < density.next_course:
        count += 1
    at = signed_up + _minutes(rng, 5, 60 * 24 * 10)
    for course in courses[:count]:
        finished = True
        for lesson in course.lessons:
            if at >= REFERENCE_TIME:
                return
            offline = rng.random() < 0.08
            source = Source.OFFLINE if offline else Source.WEB
            recorded = min(REFERENCE_TIME, at + _minutes(rng, 60, 60 * 48)) if offline else None
            target = {"lesson": lesson.pk, "course": course.pk}
            maker.add(Verb.OPENED, at, source=source, recorded_at=recorded, **target)
            at += _minutes(rng, 3, 15)
            if at >= REFERENCE_TIME:
                return
            if lesson.check is not None:
                passed, at = _attempts(maker, rng, lesson.check, at, 0.72, source, **target)
                if not passed:
                    finished = False
                    break
            elif rng.random() < 0.94:
                maker.add(Verb.COMPLETED, at, source=source, recorded_at=recorded, **target)
            else:
                finished = False
                break
            if rng.random() < 0.045:
                finished = False
                break
            at += (
                _minutes(rng, 2, 20) if rng.random() < 0.6 else _minutes(rng, 60 * 20, 60 * 24 * 9)
            )
        if finished and course.final is not None and at < REFERENCE_TIME:
            _passed, at = _attempts(
                maker, rng, course.final, at, 0.75, Source.WEB, course=course.pk
            )
        at += _minutes(rng, 60, 60 * 24 * 30)


@dataclass
class VillagePlan:
    """Who is who in a village, from the existing generator."""

    village: Place
    commune_index: int
    learners: list[Learner]
    numbers: list[int]
    signed_up: list[datetime.datetime]


def generate_village_learning(ctx, plan: VillagePlan, content: Content, density: Density) -> None:
    rng = ctx.rng_for("learning", plan.commune_index, plan.village.code)
    makers = [
        EventMaker(ctx.seed, n, learner)
        for n, learner in zip(plan.numbers, plan.learners, strict=True)
    ]
    trainers = generate_trainers(ctx, plan, rng)
    generate_classes(ctx, plan, content, density, rng, makers, trainers)
    for maker, signed_up in zip(makers, plan.signed_up, strict=True):
        web_learning(maker, rng, content, density, signed_up)
    generate_claims(ctx, plan, content, density, rng, makers, trainers)
    store_learning(ctx, plan, content, makers)


def generate_trainers(ctx, plan: VillagePlan, rng) -> list[int]:
    """Two trainers per village, each with a trainer grant over it
    (``load-trainer-c001-v01-1``)."""
    code = plan.village.code.removeprefix(PREFIX)
    users = [
        staff_user(
            f"{PREFIX}trainer-{code}-{n}",
            rng.choice(["Nguyễn Văn Hòa", "Phạm Thị Lan", "Võ Minh Tuấn", "Đặng Thu Hà"]),
            datetime.datetime(2024, 11, 10, tzinfo=datetime.UTC),
        )
        for n in (1, 2)
    ]
    users = get_user_model().objects.bulk_create(users)
    Grant.objects.bulk_create(
        [
            Grant(user_id=u.pk, role=Role.TRAINER, place=plan.village, created_at=u.date_joined)
            for u in users
        ]
    )
    ctx.add("staff accounts", len(users))
    ctx.add("staff grants", len(users))
    return [u.pk for u in users]


VENUES = ["Nhà văn hóa thôn", "Hội trường UBND xã", "Trường tiểu học", "Điểm bưu điện văn hóa xã"]


def generate_classes(ctx, plan, content, density, rng, makers, trainers) -> None:
    """Classes of 30-40 learners who signed up before the class began, one
    course each, a session a week covering three lessons; attendance for
    every learner and session; the lessons recorded as completed in class
    for those present, by the trainer."""
    by_learner = {m.learner.pk: m for m in makers}
    span = (REFERENCE_TIME - datetime.timedelta(days=40)) - (
        min(plan.signed_up, default=REFERENCE_TIME) + datetime.timedelta(days=30)
    )
    if span.total_seconds() <= 0:
        return
    for number in range(1, density.classes_per_village + 1):
        start = (
            REFERENCE_TIME
            - datetime.timedelta(days=40)
            - datetime.timedelta(seconds=int(rng.random() * span.total_seconds()))
        )
        eligible = [m for m, t in zip(makers, plan.signed_up, strict=True) if t < start]
        if len(eligible) < 5:
            continue
        members = rng.sample(eligible, min(len(eligible), rng.randint(30, 40)))
        course = rng.choice(content.courses)
        trainer = trainers[number % len(trainers)]
        training_class = TrainingClass.objects.create(
            name=f"Lớp {number} – {course.title} – {plan.village.name}"[:150],
            place=plan.village,
            created_by_id=trainer,
            created_at=start - datetime.timedelta(days=7),
        )
        training_class.trainers.add(*trainers)
        training_class.courses.add(course.pk)
        training_class.learners.add(*(m.learner.pk for m in members))
        lesson_groups = [course.lessons[i : i + 3] for i in range(0, len(course.lessons), 3)]
        venue = rng.choice(VENUES)
        sessions = ClassSession.objects.bulk_create(
            [
                ClassSession(
                    training_class=training_class,
                    date=(start + datetime.timedelta(days=7 * i)).date(),
                    venue=venue,
                    created_at=start - datetime.timedelta(days=1),
                )
                for i in range(len(lesson_groups))
            ]
        )
        attendance = []
        links = []
        for session, lessons in zip(sessions, lesson_groups, strict=True):
            occurred = class_occurred_at(session.date)
            for lesson in lessons:
                links.append(
                    ClassSession.lessons_completed.through(
                        classsession_id=session.pk, lessonpage_id=lesson.pk
                    )
                )
            for member in members:
                present = rng.random() < 0.85
                attendance.append(
                    Attendance(
                        session=session,
                        learner_id=member.learner.pk,
                        present=present,
                        recorded_by_id=trainer,
                        recorded_at=occurred,
                    )
                )
                if not present:
                    continue
                for lesson in lessons:
                    by_learner[member.learner.pk].add(
                        Verb.COMPLETED_IN_CLASS,
                        occurred,
                        lesson=lesson.pk,
                        course=course.pk,
                        source=Source.CLASS,
                        recorded_by=trainer,
                        context={"class_id": training_class.pk, "session_id": session.pk},
                        event_id=class_event_id(
                            session_id=session.pk, learner_id=member.learner.pk, lesson_id=lesson.pk
                        ),
                    )
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        ClassSession.lessons_completed.through.objects.bulk_create(links)
        ctx.add("classes", 1)
        ctx.add("class sessions", len(sessions))
        ctx.add("attendance rows", len(attendance))


REJECTIONS = [
    "Ảnh giấy chứng nhận bị mờ, không đọc được số.",
    "Tên trên giấy chứng nhận không khớp với hồ sơ.",
]


def generate_claims(ctx, plan, content, density, rng, makers, trainers) -> None:
    """National certificate claims: most verified by a trainer of the
    village (with their ``certificate_verified`` event), some refused or
    asked for more, some waiting."""
    if not content.national:
        return
    claims, steps = [], []
    for maker, signed_up in zip(makers, plan.signed_up, strict=True):
        if rng.random() >= density.claim:
            continue
        issued = signed_up + _minutes(rng, 60 * 24, 60 * 24 * 90)
        submitted = issued + _minutes(rng, 10, 60 * 24 * 5)
        if submitted >= REFERENCE_TIME:
            continue
        decided = submitted + _minutes(rng, 60, 60 * 24 * 7)
        roll = rng.random()
        if decided >= REFERENCE_TIME or roll < 0.22:
            status, decided = ClaimStatus.SUBMITTED, None
        elif roll < 0.80:
            status = ClaimStatus.APPROVED
        elif roll < 0.94:
            status = ClaimStatus.REJECTED
        else:
            status = ClaimStatus.MORE_INFO
        number = f"BDHVS-{issued.year}-{rng.randrange(10**7):07d}"
        message = ""
        if status == ClaimStatus.REJECTED:
            message = rng.choice(REJECTIONS)
        elif status == ClaimStatus.MORE_INFO:
            message = "Hãy chụp lại cả trang, thấy rõ số giấy chứng nhận."
        fingerprint = hashlib.sha256(f"{ctx.seed}:{maker.number}:claim".encode()).hexdigest()
        claims.append(
            CertificateClaim(
                learner_id=maker.learner.pk,
                course_id=rng.choice(content.national),
                certificate_number=number,
                number_key=number_key(number),
                issued_on=issued.date(),
                status=status,
                reviewer_message=message,
                # No file is stored: generated claims name one that does not exist.
                file_name=f"{PREFIX}claims/{fingerprint[:24]}.png",
                file_kind=FileKind.PNG,
                file_state=FileState.READY,
                file_size=rng.randint(80_000, 900_000),
                file_sha256=fingerprint,
                submitted_at=submitted,
                decided_at=decided,
                decided_by_id=rng.choice(trainers) if decided else None,
            )
        )
    claims = CertificateClaim.objects.bulk_create(claims, batch_size=BATCH)
    makers_by_learner = {m.learner.pk: m for m in makers}
    usernames = dict(get_user_model().objects.filter(pk__in=trainers).values_list("pk", "username"))
    for claim in claims:
        maker = makers_by_learner[claim.learner_id]
        steps.append(
            CertificateClaimLog(
                claim_id=claim.pk,
                action=ClaimAction.SUBMITTED,
                actor_id=maker.learner.user_id,
                actor_label=f"{PREFIX}{maker.number:07d}",
                created_at=claim.submitted_at,
                detail={},
            )
        )
        if claim.decided_at is None:
            continue
        steps.append(
            CertificateClaimLog(
                claim_id=claim.pk,
                action=ClaimAction(claim.status),
                message=claim.reviewer_message,
                actor_id=claim.decided_by_id,
                actor_label=usernames[claim.decided_by_id],
                created_at=claim.decided_at,
                detail={},
            )
        )
        if claim.status == ClaimStatus.APPROVED:
            maker.add(
                Verb.CERTIFICATE_VERIFIED,
                claim.decided_at,
                national=claim.course_id,
                result={"completion": True, "success": True},
                source=Source.NATIONAL_CERTIFICATE,
                recorded_by=claim.decided_by_id,
                context={
                    "certificate_claim": claim.pk,
                    "certificate_number": claim.certificate_number,
                    "issued_on": claim.issued_on.isoformat(),
                },
                event_id=claim_event_id(claim.pk),
            )
    CertificateClaimLog.objects.bulk_create(steps, batch_size=BATCH)
    ctx.add("certificate claims", len(claims))


def _log_order(event: Event):
    return (event.learner_id, event.occurred_at, event.recorded_at, event.id)


def store_learning(ctx, plan: VillagePlan, content: Content, makers: list[EventMaker]) -> None:
    """Insert the village's events, then the progress the recording rules
    derive from them, then the certificates those completions issue."""
    events = sorted((e for m in makers for e in m.events), key=_log_order)
    insert_rows(LearningEvent, EVENT_FIELDS, [e.row() for e in events])
    ctx.add("learning events", len(events))
    store, completions = learning_state_fold(events, content.rules)
    ctx.add("lesson progress", insert_instances(LessonProgress, list(store.lessons.values())))
    ctx.add("course progress", insert_instances(CourseProgress, list(store.courses.values())))
    ctx.add("4T program progress", insert_instances(ProgramProgress, list(store.programs.values())))
    ctx.add(
        "national course completions",
        insert_instances(NationalCompletion, list(store.nationals.values())),
    )
    # The tallies reports read, as the recording service keeps them.
    ctx.add("learner tallies", tallies_rebuild(learner_ids=[m.learner.pk for m in makers]))
    names = {m.learner.pk: m.learner.full_name for m in makers}
    rng = ctx.rng_for("certificates", plan.village.code)
    certificates = []
    for learner_id, kind, page, completed_at in completions:
        certificates.append(
            Certificate(
                code="".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
                learner_id=learner_id,
                course_id=page.pk if kind == "course" else None,
                program_id=page.pk if kind == "program" else None,
                title=page.title,
                holder_name=names[learner_id],
                issuer=content.issuers.get(page.pk, ""),
                completed_at=completed_at,
                issued_at=completed_at + datetime.timedelta(seconds=30),
            )
        )
    ctx.add("certificates", insert_instances(Certificate, certificates))


# --- purge ---------------------------------------------------------------------------------------
def _raw_delete(queryset) -> None:
    """Delete without loading rows or sending signals: the event log refuses
    ordinary deletes (it is append-only) and generated claims have no files."""
    models.QuerySet._raw_delete(queryset, queryset.db)


def fast_delete(queryset, depth: int = 0) -> None:
    """Delete what ``queryset`` selects as Django's cascade would (children
    of CASCADE relations first, SET_NULL ones emptied, PROTECT ones refused),
    but in SQL statements over subqueries, never loading the rows or sending
    signals: bounded memory for a million learners."""
    if depth > 8:
        raise RecursionError(f"Cascade too deep at {queryset.model.__name__}.")
    for relation in queryset.model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        field = relation.field
        related = relation.related_model._base_manager.filter(
            **{f"{field.name}__in": queryset.values(field.target_field.attname)}
        )
        rule = field.remote_field.on_delete
        if rule is models.CASCADE:
            fast_delete(related, depth + 1)
        elif rule is models.SET_NULL:
            related.update(**{field.name: None})
        elif rule in (models.PROTECT, models.RESTRICT) and related.exists():
            raise models.ProtectedError(f"{related.model.__name__} rows still point here.", set())
    _raw_delete(queryset)


def purge_learning(place_ids, village_ids, learner_ids) -> None:
    """Everything built here for the generated places, children first, and
    whatever else (classes, staff grants) was made on them since."""
    _raw_delete(LearningEvent.objects.filter(village__in=village_ids))
    _raw_delete(LearningEvent.objects.filter(learner__in=learner_ids))
    for model in (
        LessonProgress,
        CourseProgress,
        ProgramProgress,
        NationalCompletion,
        Certificate,
    ):
        _raw_delete(model.objects.filter(learner__in=learner_ids))
    _raw_delete(CertificateClaimLog.objects.filter(claim__learner__in=learner_ids))
    _raw_delete(CertificateClaim.objects.filter(learner__in=learner_ids))
    classes = TrainingClass.objects.filter(place__in=place_ids).values("pk")
    _raw_delete(Attendance.objects.filter(session__training_class__in=classes))
    _raw_delete(
        ClassSession.lessons_completed.through.objects.filter(
            classsession__training_class__in=classes
        )
    )
    _raw_delete(ClassSession.objects.filter(training_class__in=classes))
    for through in (
        TrainingClass.trainers.through,
        TrainingClass.learners.through,
        TrainingClass.courses.through,
    ):
        _raw_delete(through.objects.filter(trainingclass__in=classes))
    _raw_delete(TrainingClass.objects.filter(place__in=place_ids))
    _raw_delete(Grant.objects.filter(user__username__startswith=PREFIX))
    _raw_delete(Grant.objects.filter(place__in=place_ids))
