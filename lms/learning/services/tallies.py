"""Keeping ``LearnerTally`` (per learner, for all time, each quarter and each
month: active, lessons and courses completed, national courses included)
equal to what the progress tables and the event log say.

The recording service notes, for each event, when its lesson and course were
completed before and after the event was applied (``tally_changes``), and
writes the sum for the learner once, inside its transaction (``tally_apply``):
the counts move between quarters and months accordingly (late evidence from an
offline phone may move a completion earlier, even into another quarter).
``tallies_rebuild`` recomputes them from the raw rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from lms.models import CourseProgress, Learner, LearningEvent, LessonProgress, NationalCompletion
from lms.models.tallies import ALL_TIME, LearnerTally, month_key, quarter_key

Completions = tuple[datetime.datetime | None, datetime.datetime | None]
REBUILD_CHUNK = 20_000


def spans_of(at: datetime.datetime) -> tuple[int, int, int]:
    """The tally spans a moment falls in: all time, its quarter, its month."""
    local = timezone.localtime(at)
    return (
        ALL_TIME,
        quarter_key(local.year, (local.month - 1) // 3 + 1),
        month_key(local.year, local.month),
    )


def tally_changes(
    changes: dict[int, list[int]],
    occurred_at: datetime.datetime,
    before: Completions,
    after: Completions,
) -> None:
    """Add to ``changes`` (span -> [active, lessons, courses]) what one event
    did: the learner was active when it happened, and the completion times of
    its lesson and course moved from ``before`` to ``after`` (either may be
    None: not completed)."""
    for span in spans_of(occurred_at):
        changes[span][0] = 1
    for column, old, new in ((1, before[0], after[0]), (2, before[1], after[1])):
        if old == new:
            continue
        for span in spans_of(old) if old is not None else ():
            changes[span][column] -= 1
        for span in spans_of(new) if new is not None else ():
            changes[span][column] += 1


def new_changes() -> dict[int, list[int]]:
    return defaultdict(lambda: [0, 0, 0])


def tally_apply(
    learner_id: int, village_id: int, target_group_mask: int, changes: dict[int, list[int]]
) -> None:
    """Write what ``tally_changes`` gathered for one learner (one or two
    statements), in the recording service's transaction; new rows carry the
    learner's village and target groups (read with the learner's row locked)."""
    if changes:
        _apply(learner_id, village_id, target_group_mask, changes)


def _apply(learner_id: int, village_id: int, mask: int, changes: dict[int, list[int]]) -> None:
    table = connection.ops.quote_name(LearnerTally._meta.db_table)
    grow = [(q, c) for q, c in changes.items() if c[1] >= 0 and c[2] >= 0]
    shrink = [(q, c) for q, c in changes.items() if c[1] < 0 or c[2] < 0]
    with connection.cursor() as cursor:
        if grow:
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(grow))
            params = []
            for span, (active, lessons, courses) in sorted(grow):
                params += [learner_id, village_id, mask, span, bool(active), lessons, courses]
            cursor.execute(
                f"INSERT INTO {table} "  # noqa: S608 - the table name is ours
                "(learner_id, village_id, target_group_mask, span, active, "
                "lessons_completed, courses_completed) "
                f"VALUES {values} ON CONFLICT (learner_id, span) DO UPDATE SET "
                f"active = {table}.active OR excluded.active, "
                f"lessons_completed = {table}.lessons_completed + excluded.lessons_completed, "
                f"courses_completed = {table}.courses_completed + excluded.courses_completed",
                params,
            )
        for span, (active, lessons, courses) in shrink:
            # A completion moved away from this span: its row exists.
            cursor.execute(
                f"UPDATE {table} SET active = active OR %s, "  # noqa: S608
                "lessons_completed = lessons_completed + %s, "
                "courses_completed = courses_completed + %s "
                "WHERE learner_id = %s AND span = %s",
                [bool(active), lessons, courses, learner_id, span],
            )


def tallies_move(*, learner_id: int, village_id: int) -> None:
    """A learner moved: their tallies now count in their new village."""
    LearnerTally.objects.filter(learner_id=learner_id).update(village_id=village_id)


# --- Rebuild ------------------------------------------------------------------------------


def tallies_computed(learner_ids: Iterable[int]) -> dict[tuple[int, int], list]:
    """The tallies of these learners as the raw rows say:
    ``{(learner_id, span): [village_id, active, lessons, courses, target_group_mask]}``
    (the learner's village and target groups as the learner's row says)."""
    ids = list(learner_ids)
    learners = {
        pk: (village_id, mask)
        for pk, village_id, mask in Learner.objects.filter(pk__in=ids).values_list(
            "pk", "village_id", "target_group_mask"
        )
    }
    tallies: dict[tuple[int, int], list] = {}

    def tally(learner_id: int, span: int) -> list:
        found = tallies.get((learner_id, span))
        if found is None:
            village_id, mask = learners[learner_id]
            found = tallies[(learner_id, span)] = [village_id, False, 0, 0, mask]
        return found

    def by_month(queryset, field):
        for learner_id, year, month, n in (
            queryset.filter(learner_id__in=ids)
            .annotate(y=ExtractYear(field), m=ExtractMonth(field))
            .order_by()
            .values_list("learner_id", "y", "m")
            .annotate(n=Count("pk"))
        ):
            spans = (ALL_TIME, quarter_key(year, (month - 1) // 3 + 1), month_key(year, month))
            yield learner_id, spans, n

    events = LearningEvent.objects.filter(learner__isnull=False)
    for learner_id, spans, _n in by_month(events, "occurred_at"):
        for span in spans:
            tally(learner_id, span)[1] = True
    # Courses completed: local ones and national ones (a verified certificate).
    for column, model in ((2, LessonProgress), (3, CourseProgress), (3, NationalCompletion)):
        done = model.objects.filter(completed_at__isnull=False)
        for learner_id, spans, n in by_month(done, "completed_at"):
            for span in spans:
                tally(learner_id, span)[column] += n
    return tallies


def tallies_rebuild(*, learner_ids: Iterable[int] | None = None) -> int:
    """Recompute the tallies (of these learners, or of everyone) from the
    progress tables and the event log. Returns the number of rows written."""
    if learner_ids is None:
        LearnerTally.objects.all().delete()
        ids = Learner.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000)
    else:
        ids = sorted(set(learner_ids))
        LearnerTally.objects.filter(learner_id__in=ids).delete()
    written = 0
    chunk: list[int] = []
    for learner_id in ids:
        chunk.append(learner_id)
        if len(chunk) == REBUILD_CHUNK:
            written += _write(chunk)
            chunk = []
    if chunk:
        written += _write(chunk)
    return written


def _write(learner_ids: list[int]) -> int:
    rows = [
        LearnerTally(
            learner_id=learner_id,
            village_id=village_id,
            target_group_mask=mask,
            span=span,
            active=active,
            lessons_completed=lessons,
            courses_completed=courses,
        )
        for (learner_id, span), (village_id, active, lessons, courses, mask) in tallies_computed(
            learner_ids
        ).items()
    ]
    LearnerTally.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
