"""Realistic synthetic data at a chosen scale, for benchmarks and load tests.

    manage.py generate_load_data --scale commune --seed 1     # 30,000 learners
    manage.py generate_load_data --scale province --seed 1    # 1,000,000 learners
    manage.py generate_load_data --scale 500 --seed 7         # 500 learners, one commune
    manage.py generate_load_data --purge                      # remove everything generated

It builds, with bulk inserts (COPY on PostgreSQL), one transaction per village:

- a place tree: province -> communes -> villages, with population figures;
- households, and learners with their accounts, target groups (with the
  learners' ``target_group_mask`` written alongside, as the live code keeps
  it), phone numbers and consent records;
- 40 lessons: five live course pages of eight lessons under the catalogue
  (created through Wagtail's page API); even-numbered lessons end with a
  knowledge check, courses 1 and 4 with a final check (pass mark 70 %), the
  last lesson of course 5 is optional; and a 4T program with courses 2 to 5
  as its pillars when the taxonomy has the 4T pillars (the demo's);
- staff: a manager for the province and one per commune, two trainers per
  village with a trainer grant over it;
- classes (three per village; one at province scale) of 30-40 learners who
  signed up before the class began, one course each, a weekly session (date,
  venue) per three lessons, attendance for every learner and session (85 %
  present) and the lessons completed in class for those present (source
  "class", recorded by the trainer, event ids as the class register makes them);
- learners' own learning: lessons opened in order, knowledge checks passed or
  failed (up to three attempts), drop-outs, some events sent late from an
  offline phone; many start, fewer finish;
- national certificate claims (the catalogue's national courses, or three
  generated ones): about 58 % verified (with their ``certificate_verified``
  event), 13 % not accepted, 5 % asked for more, the rest waiting. No file is
  stored: a generated claim names a file that does not exist;
- the derived state: lesson, course and 4T program progress folded from the
  events by the recording service's own rules
  (``lms.learning.services.records.learning_state_fold``), so ``rebuild_learning_state``
  changes nothing, and the certificate each completion issues.

Every event happens after the learner signed up and before REFERENCE_TIME
(20 November 2026), whenever the command runs.

What exists at each scale (seed 1; measured on PostgreSQL, see the README):

- ``commune``: 1 commune of 12 villages, 30,000 learners, ~1.3 million
  events, ~600,000 lesson progress rows, ~100,000 course progress rows,
  36 classes, ~2,300 claims.
- ``province``: 100 communes of 10 villages, 1,000,000 learners with lighter
  learning per learner (12 % learn online instead of 93 %, fewer courses
  each, one class per village, 2 % claim a certificate instead of 8 %):
  ~2.8 million events, ~1.4 million lesson progress rows, ~230,000 course
  progress rows, 1,000 classes, ~19,000 claims.
- a number N: one commune of one village per 2,500 learners (at most 12),
  learning as at commune scale.

How a benchmark finds things (codes and usernames do not depend on the seed):

- the province: ``Place`` with code ``load-<scale>-s<seed>`` (e.g.
  ``load-commune-s1``); communes ``load-c001``...; villages
  ``load-c001-v01``...;
- a manager: user ``load-manager`` (province grant), ``load-manager-c001``
  (commune grant);
- a trainer: ``load-trainer-c001-v01-1`` and ``-2`` (trainer grant over the
  village, and trainers of its classes);
- a class: ``TrainingClass.objects.filter(place__code="load-c001-v01")``;
- learners: usernames ``load-0000001``...; courses: pages with slug
  ``load-khoa-1`` to ``load-khoa-5``, lessons ``load-khoa-1-bai-1``...,
  the 4T program ``load-chuong-trinh-4t``.

Reproducible: the same scale and seed give the same people, names, places,
households and learning (database ids aside; event ids of learners' own
learning are uuid5 of the seed and the learner's number). Safe to run twice:
generated rows carry the prefix ``load-`` (place codes, usernames, page
slugs); a complete data set of the same scale and seed is left as it is,
anything else generated before is removed first, so a database holds at
most one generated data set. Data that was not generated (demo or real) is
never touched.

For benchmark and development databases, never a production one.

Adding a kind of data: write a ``generate_<kind>(ctx, plan, ...)`` function
in ``_load_learning.py`` that bulk-inserts it for one village from
``ctx.rng_for(...)``, call it from ``generate_village_learning``, and delete
it in ``purge_learning`` before the rows it points to.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.base import CommandError
from django.db import connection, transaction

from courses.demo_content import TARGET_GROUPS as DEMO_TARGET_GROUPS
from courses.models import CoursePage, TargetGroup
from courses.models.taxonomy import MAX_TARGET_GROUPS
from lms.demo.load_learning import (
    COURSES,
    FULL,
    LIGHT,
    Density,
    VillagePlan,
    create_instances,
    ensure_content,
    fast_delete,
    generate_managers,
    generate_village_learning,
    purge_content,
    purge_learning,
)
from lms.learning.services.digital_families import skills_rebuild
from lms.models import (
    ConsentMethod,
    ConsentRecord,
    DigitalIdChange,
    DigitalIdStatus,
    Gender,
    Household,
    Learner,
    PhoneNumber,
    Place,
    PlaceKind,
)
from lms.text import name_sort_key

PREFIX = "load-"
BATCH = 1000
MAX_LEARNERS = 2_000_000
# A numbered scale puts this many learners in each village (at most 12 villages).
LEARNERS_PER_VILLAGE = 2500
MAX_SEED = 99_999
# Ages, dates and consent are computed against fixed dates so that a seed
# gives the same data whenever it runs.
REFERENCE_YEAR = 2026
FIRST_SIGNUP = datetime.datetime(2024, 11, 18, 1, 0, tzinfo=datetime.UTC)  # the movement's launch
LAST_SIGNUP = datetime.datetime(2026, 10, 31, 10, 0, tzinfo=datetime.UTC)
GUARDIAN_UNDER_AGE = 16
POLICY_VERSION = "2026-01"


@dataclass(frozen=True)
class Scale:
    name: str
    communes: int
    villages_per_commune: int
    learners: int
    density: Density = FULL


SCALES = {
    # A merged commune: about a dozen villages, 30,000 learners.
    "commune": Scale("commune", communes=1, villages_per_commune=12, learners=30_000),
    # A province: 100 communes of 10 villages, 1,000,000 learners.
    "province": Scale(
        "province", communes=100, villages_per_commune=10, learners=1_000_000, density=LIGHT
    ),
}


def parse_scale(value: str) -> Scale:
    if value in SCALES:
        return SCALES[value]
    try:
        learners = int(value)
    except ValueError:
        raise CommandError(
            f"--scale must be commune, province or a number of learners, not {value!r}."
        ) from None
    if not 1 <= learners <= MAX_LEARNERS:
        raise CommandError(f"--scale must be between 1 and {MAX_LEARNERS:,} learners.")
    villages = max(1, min(12, math.ceil(learners / LEARNERS_PER_VILLAGE)))
    return Scale(str(learners), communes=1, villages_per_commune=villages, learners=learners)


# --- Vietnamese names ---------------------------------------------------------------
def _words(text: str) -> list[str]:
    return text.split()


# Family names with roughly their share of the population.
FAMILY_NAMES = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 2),
    ("Phan", 4),
    ("Võ", 3),
    ("Vũ", 2),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 1),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
]
MIDDLE_NAMES = {
    Gender.MALE: ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh", "Xuân"],
    Gender.FEMALE: ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mai", "Hồng", "Diệu"],
}
GIVEN_NAMES = {
    Gender.MALE: _words(
        "An Bình Cường Dũng Đạt Hải Hiếu Hùng Huy Khánh Lộc Long "
        "Minh Nam Phong Phúc Quân Sơn Tài Thắng Toàn Trung Tuấn Việt"
    ),
    Gender.FEMALE: _words(
        "Anh Châu Dung Giang Hà Hạnh Hằng Hoa Hương Lan Liên Linh "
        "Loan Mai Nga Ngọc Nhung Oanh Phương Thảo Trang Tuyết Vân Yến"
    ),
}
COMMUNE_FIRST = ["Hải", "Triệu", "Gio", "Cam", "Vĩnh", "Diên", "Phong", "Tân", "Hướng", "Đông"]
COMMUNE_SECOND = ["An", "Bình", "Phong", "Thành", "Lộc", "Hòa", "Sơn", "Thủy", "Lâm", "Trung"]
VILLAGE_KINDS = ["Thôn", "Khóm", "Khu dân cư"]

# Target groups the generator sorts learners into: the demo's course target groups, by slug.
TARGET_GROUPS = {slug: name for slug, name, _description in DEMO_TARGET_GROUPS}
HOUSEHOLD_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


# --- context ---------------------------------------------------------------------------------
@dataclass
class Context:
    """What every generator function shares: the plan, the seed, the target
    groups by slug and the running counters that make names unique."""

    scale: Scale
    seed: int
    groups: dict[str, int] = field(default_factory=dict)
    group_bits: dict[str, int] = field(default_factory=dict)
    next_learner: int = 1
    household_codes: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)

    def rng_for(self, *parts: int | str) -> random.Random:
        """An independent stream per seed and part, so a village's people do
        not change when other villages are generated differently."""
        key = "|".join(str(p) for p in (self.seed, *parts))
        return random.Random(key)  # noqa: S311 - synthetic data, reproducible on purpose

    def add(self, kind: str, n: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    @property
    def root_code(self) -> str:
        return f"{PREFIX}{self.scale.name}-s{self.seed}"


# --- places ------------------------------------------------------------------------------------
def generate_places(ctx: Context) -> list[list[Place]]:
    """A province root, its communes and their villages, paths computed here
    so the whole tree goes in with one insert per level. Returns the villages
    of each commune."""
    rng = ctx.rng_for("places")
    province = Place.add_root(
        instance=Place(
            name="Tỉnh mẫu (dữ liệu sinh tự động)", kind=PlaceKind.PROVINCE, code=ctx.root_code
        )
    )
    names = [f"Xã {a} {b}" for a in COMMUNE_FIRST for b in COMMUNE_SECOND]
    rng.shuffle(names)
    communes = [
        Place(
            name=names[i % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else ""),
            kind=PlaceKind.COMMUNE,
            code=f"{PREFIX}c{i + 1:03d}",
            path=Place._get_path(province.path, 2, i + 1),
            depth=2,
            numchild=ctx.scale.villages_per_commune,
        )
        for i in range(ctx.scale.communes)
    ]
    Place.objects.bulk_create(communes, batch_size=BATCH)
    villages_by_commune: list[list[Place]] = []
    all_villages = []
    for c, commune in enumerate(communes):
        kind = VILLAGE_KINDS[rng.randrange(len(VILLAGE_KINDS))]
        villages = [
            Place(
                name=f"{kind} {v + 1}",
                kind=PlaceKind.VILLAGE,
                code=f"{PREFIX}c{c + 1:03d}-v{v + 1:02d}",
                path=Place._get_path(commune.path, 3, v + 1),
                depth=3,
                numchild=0,
            )
            for v in range(ctx.scale.villages_per_commune)
        ]
        villages_by_commune.append(villages)
        all_villages += villages
    Place.objects.bulk_create(all_villages, batch_size=BATCH)
    Place.objects.filter(pk=province.pk).update(numchild=len(communes))
    ctx.add("places", 1 + len(communes) + len(all_villages))
    return villages_by_commune


def village_sizes(ctx: Context, villages: int) -> list[int]:
    """Learners per village: uneven, as villages are, summing exactly to the scale."""
    rng = ctx.rng_for("sizes")
    weights = [rng.uniform(0.6, 1.4) for _ in range(villages)]
    total = sum(weights)
    sizes = [int(ctx.scale.learners * w / total) for w in weights]
    for i in range(ctx.scale.learners - sum(sizes)):
        sizes[i % villages] += 1
    return sizes


def set_place_figures(villages_by_commune: list[list[Place]], root_code: str) -> None:
    """Population figures for indicators: more adults and households than
    learners, as not everyone has signed up yet."""
    for villages in villages_by_commune:
        for village in villages:
            learners = Learner.objects.filter(village=village)
            village.adults_16_plus = round(
                learners.filter(year_of_birth__lte=REFERENCE_YEAR - 16).count() * 1.25
            )
            village.households = round(Household.objects.filter(village=village).count() * 1.15)
        Place.objects.bulk_update(villages, ["adults_16_plus", "households"], batch_size=BATCH)
    root = Place.objects.get(code=root_code)
    for commune in root.get_children():
        below = Place.objects.filter(path__startswith=commune.path, depth=3)
        commune.adults_16_plus = sum(below.values_list("adults_16_plus", flat=True))
        commune.households = sum(below.values_list("households", flat=True))
        commune.save(update_fields=["adults_16_plus", "households"])
    communes = root.get_children()
    root.adults_16_plus = sum(c.adults_16_plus or 0 for c in communes)
    root.households = sum(c.households or 0 for c in communes)
    root.save(update_fields=["adults_16_plus", "households"])


# --- people ---------------------------------------------------------------------------------------
@dataclass
class Person:
    full_name: str
    gender: str
    year_of_birth: int
    groups: list[str]
    digital_id: str
    signed_up: datetime.datetime
    phone: bool
    household: int | None = None


def make_person(rng: random.Random) -> Person:
    gender = Gender.FEMALE if rng.random() < 0.52 else Gender.MALE
    family = rng.choices([n for n, _ in FAMILY_NAMES], weights=[w for _, w in FAMILY_NAMES])[0]
    name = f"{family} {rng.choice(MIDDLE_NAMES[gender])} {rng.choice(GIVEN_NAMES[gender])}"
    roll = rng.random()
    if roll < 0.15:
        age = rng.randint(10, 17)
    elif roll < 0.75:
        age = rng.randint(18, 59)
    else:
        age = rng.randint(60, 88)
    groups = target_groups_for(rng, age)
    if age < 16:
        digital_id = DigitalIdStatus.NONE if rng.random() < 0.7 else DigitalIdStatus.LEVEL_2
    else:
        digital_id = rng.choices(
            [DigitalIdStatus.LEVEL_2, DigitalIdStatus.LEVEL_1, DigitalIdStatus.NONE],
            weights=[60, 20, 20],
        )[0]
    span = (LAST_SIGNUP - FIRST_SIGNUP).total_seconds()
    signed_up = FIRST_SIGNUP + datetime.timedelta(seconds=int(rng.random() * span))
    return Person(
        full_name=name,
        gender=gender,
        year_of_birth=REFERENCE_YEAR - age,
        groups=groups,
        digital_id=digital_id,
        signed_up=signed_up,
        phone=rng.random() < (0.5 if age < 16 else 0.8),
    )


def target_groups_for(rng: random.Random, age: int) -> list[str]:
    if age < 18:
        return ["hoc-sinh-sinh-vien"]
    if age >= 60:
        return (
            ["nguoi-cao-tuoi", "tieu-thuong-nong-dan"] if rng.random() < 0.2 else ["nguoi-cao-tuoi"]
        )
    work = ["can-bo-cong-chuc", "nguoi-lao-dong", "tieu-thuong-nong-dan"]
    groups = [rng.choices(work, weights=[10, 40, 50])[0]]
    if age < 30 and rng.random() < 0.15:
        groups.append("thanh-nien-tinh-nguyen")
    if rng.random() < 0.02:
        groups.append("to-cong-nghe-so")
    return groups


def ensure_target_groups(ctx: Context) -> None:
    """The demo's course target groups, created in one query when missing (like
    every generated row, they reach Wagtail's search index with ``update_index``)."""
    existing = dict(TargetGroup.objects.values_list("slug", "bit"))
    free = (bit for bit in range(MAX_TARGET_GROUPS) if bit not in set(existing.values()))
    TargetGroup.objects.bulk_create(
        TargetGroup(slug=slug, name=name, sort_order=order, bit=next(free))
        for order, (slug, name) in enumerate(TARGET_GROUPS.items())
        if slug not in existing
    )
    ctx.groups = dict(TargetGroup.objects.values_list("slug", "pk"))
    ctx.group_bits = dict(TargetGroup.objects.values_list("slug", "bit"))


def generate_households(ctx: Context, village: Place, people: list[Person], rng) -> list[int]:
    """About one household per 2.6 learners, headed by an adult; 85% of the
    learners live in one. Returns the households' ids."""
    adults = [p for p in people if REFERENCE_YEAR - p.year_of_birth >= 18]
    count = min(len(adults), max(1, round(len(people) * 0.85 / 2.6))) if adults else 0
    heads = adults[:count]
    households = []
    for index, head in enumerate(heads):
        head.household = index
        title = "ông" if head.gender == Gender.MALE else "bà"
        households.append(
            Household(
                village=village,
                name=f"Hộ {title} {head.full_name}",
                code=household_code(ctx, rng),
                created_at=head.signed_up,
            )
        )
    for person in people:
        if person.household is None and count and rng.random() < 0.85:
            person.household = rng.randrange(count)
    created = create_instances(Household, households)
    ctx.add("households", len(created))
    return [h.pk for h in created]


def household_code(ctx: Context, rng: random.Random) -> str:
    while True:
        code = "".join(rng.choice(HOUSEHOLD_CODE_ALPHABET) for _ in range(8))
        if code not in ctx.household_codes:
            ctx.household_codes.add(code)
            return code


def generate_learners(
    ctx: Context, village: Place, people: list[Person], household_ids: list[int]
) -> list[Learner]:
    """An account and a learner profile per person, with target groups."""
    User = get_user_model()
    first = ctx.next_learner
    ctx.next_learner += len(people)
    users = []
    for offset, person in enumerate(people):
        number = first + offset
        family, *rest = person.full_name.split()
        users.append(
            User(
                username=f"{PREFIX}{number:07d}",
                first_name=" ".join(rest),
                last_name=family,
                email="" if person.phone else f"{PREFIX}{number:07d}@example.invalid",
                password=UNUSABLE_PASSWORD_PREFIX + "generated",
                date_joined=person.signed_up,
            )
        )
    users = create_instances(User, users)
    learners = [
        Learner(
            user_id=user.pk,
            full_name=person.full_name,
            sort_name=name_sort_key(person.full_name),
            year_of_birth=person.year_of_birth,
            gender=person.gender,
            village=village,
            household_id=(
                household_ids[person.household] if person.household is not None else None
            ),
            digital_id_status=person.digital_id,
            created_at=person.signed_up,
            # The links below go in without signals: the mask is written here.
            target_group_mask=sum(1 << ctx.group_bits[slug] for slug in set(person.groups)),
        )
        for user, person in zip(users, people, strict=True)
    ]
    learners = create_instances(Learner, learners)
    # Each identity as the learner declared it on signing up: the history's
    # current row, as digital_id_set would have written it.
    history = [
        DigitalIdChange(
            learner_id=learner.pk,
            status=person.digital_id,
            confirmed=False,
            changed_by_id=learner.user_id,
            valid_from=person.signed_up,
            village_id=learner.village_id,
            year_of_birth=learner.year_of_birth,
            target_group_mask=learner.target_group_mask,
        )
        for learner, person in zip(learners, people, strict=True)
        if person.digital_id != DigitalIdStatus.NONE
    ]
    create_instances(DigitalIdChange, history)
    through = Learner.target_groups.through
    links = [
        through(learner_id=learner.pk, targetgroup_id=ctx.groups[slug])
        for learner, person in zip(learners, people, strict=True)
        for slug in person.groups
    ]
    create_instances(through, links)
    ctx.add("accounts", len(users))
    ctx.add("learners", len(learners))
    ctx.add("target group links", len(links))
    ctx.add("digital identities", len(history))
    return learners


def generate_phones(
    ctx: Context, learners: list[Learner], people: list[Person], first_number: int
) -> None:
    """Mobile numbers (+84 then 9 digits) for most learners, unique because
    they follow the learner's running number."""
    phones = [
        PhoneNumber(user_id=learner.user_id, number=f"+8479{first_number + i:07d}", verified=True)
        for i, (learner, person) in enumerate(zip(learners, people, strict=True))
        if person.phone
    ]
    create_instances(PhoneNumber, phones)
    ctx.add("phone numbers", len(phones))


def generate_consents(ctx: Context, learners: list[Learner], people: list[Person], rng) -> None:
    """Consent as the privacy law asks: a guardian's for children, a witness
    for consent given verbally."""
    records = []
    for learner, person in zip(learners, people, strict=True):
        child = REFERENCE_YEAR - person.year_of_birth < GUARDIAN_UNDER_AGE
        method = (
            ConsentMethod.WRITTEN
            if child
            else rng.choices(
                [ConsentMethod.ONLINE, ConsentMethod.WRITTEN, ConsentMethod.VERBAL],
                weights=[70, 25, 5],
            )[0]
        )
        family = person.full_name.split()[0]
        records.append(
            ConsentRecord(
                learner_id=learner.pk,
                policy_version=POLICY_VERSION,
                method=method,
                witness_name=(
                    f"{rng.choice(FAMILY_NAMES)[0]} Văn {rng.choice(GIVEN_NAMES[Gender.MALE])}"
                    if method == ConsentMethod.VERBAL
                    else ""
                ),
                guardian_name=(
                    f"{family} Thị {rng.choice(GIVEN_NAMES[Gender.FEMALE])}" if child else ""
                ),
                guardian_relationship="Mẹ" if child else "",
                given_at=person.signed_up,
            )
        )
    create_instances(ConsentRecord, records)
    ctx.add("consent records", len(records))


@transaction.atomic
def generate_village(
    ctx: Context, commune_index: int, village: Place, size: int, content=None
) -> None:
    """Everything that lives in one village, in one transaction."""
    rng = ctx.rng_for("village", commune_index, village.code)
    people = [make_person(rng) for _ in range(size)]
    household_ids = generate_households(ctx, village, people, rng)
    first = ctx.next_learner
    learners = generate_learners(ctx, village, people, household_ids)
    generate_phones(ctx, learners, people, first)
    generate_consents(ctx, learners, people, rng)
    if content is not None:
        plan = VillagePlan(
            village=village,
            commune_index=commune_index,
            learners=learners,
            numbers=list(range(first, first + len(learners))),
            signed_up=[p.signed_up for p in people],
        )
        generate_village_learning(ctx, plan, content, ctx.scale.density)


# --- idempotency ----------------------------------------------------------------------------------
def generated_places():
    return Place.objects.filter(code__startswith=PREFIX)


def is_complete(ctx: Context) -> bool:
    root = Place.objects.filter(code=ctx.root_code).first()
    if root is None or root.adults_16_plus is None:  # figures are set last
        return False
    return Learner.objects.filter(
        village__path__startswith=root.path
    ).count() == ctx.scale.learners and CoursePage.objects.filter(
        slug__startswith=PREFIX
    ).count() == len(COURSES)


@transaction.atomic
def purge(*, content: bool = True) -> None:
    """Remove every generated row, children before what they point to; the
    generated course pages too unless ``content`` is False (they are the same
    whatever the scale and seed, so a new data set reuses them)."""
    village_ids = generated_places().filter(kind=PlaceKind.VILLAGE).values("pk")
    purge_learning(
        generated_places().values("pk"),
        village_ids,
        Learner.objects.filter(village__in=village_ids).values("pk"),
    )
    # In SQL, without loading a million rows into memory the way Django's
    # cascading delete does.
    fast_delete(Learner.objects.filter(village__in=village_ids))
    fast_delete(Household.objects.filter(village__in=village_ids))
    fast_delete(get_user_model().objects.filter(username__startswith=PREFIX))
    for root in list(generated_places().filter(depth=1)):
        Place.objects.filter(path__startswith=root.path).delete()
    if content:
        purge_content()
    # A root deleted from under treebeard leaves nothing to renumber: roots
    # have no parent whose numchild would need updating.


def generate(ctx: Context) -> bool:
    """Generate the data set; returns False when it was already there."""
    if is_complete(ctx):
        return False
    purge(content=False)
    ensure_target_groups(ctx)
    with transaction.atomic():
        content = ensure_content()
    ctx.add("lessons", content.lesson_count)
    villages_by_commune = generate_places(ctx)
    root = Place.objects.get(code=ctx.root_code)
    generate_managers(ctx, root, list(root.get_children()))
    flat = [(c, v) for c, villages in enumerate(villages_by_commune) for v in villages]
    for (commune_index, village), size in zip(flat, village_sizes(ctx, len(flat)), strict=True):
        generate_village(ctx, commune_index, village, size, content)
    # The digital-family summary, for everyone at once (set-based), as the
    # recording service would have kept it.
    skills_rebuild()
    set_place_figures(villages_by_commune, ctx.root_code)
    refresh_statistics()
    return True


def refresh_statistics() -> None:
    """Bring PostgreSQL's planner statistics up to date after the bulk load,
    as one should after any bulk load. Autovacuum would in time on a running
    server (it is off on the test server); until then the planner guesses the
    row counts of tables that have just grown by a million rows, and on the
    commune's class view it chose to read every lesson-progress row (200 ms
    instead of 1 ms)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
