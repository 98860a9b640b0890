"""Keeping ``Learner.digital_skills_at`` (when a learner first had a completed
course, local or national, in every "Gia đình số" skill area) equal to what
the progress tables say, so the digital-family indicator reads the few skilled
learners instead of every learner's course progress.

The summary is computed for one *definition*: the required skill areas and,
for each, the local and the national courses carrying it
(``definition_current``). ``skills_rebuild``
recomputes every learner for the current definition and stores it in the
``SummaryState`` row; the recording service then refreshes a learner whose
completion of a course changed (``learner_skills_refresh``), with that stored
definition. Reports use the summary only while the stored definition is the
current one (``summary_definition_is_current``); when an editor changes a
course's skill areas or the setting changes, they count from the progress
table again until the rebuild task has run (``lms.learning.tasks``; the
changes that queue it are in ``lms.learning.signal_handlers``).

``digital_skills_at`` = max over the required skill areas of the earliest
``completed_at`` of a course in that area, local (course progress) or national
(a verified certificate's ``NationalCompletion``; null while one is missing): a
learner counts by the end of a period exactly when this moment falls before it,
the same as ``lms.reports.indicators.skilled_learners`` says from the progress
table.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from courses.models import SkillArea
from lms.conf import lms_settings
from lms.models import CourseProgress, Learner, NationalCompletion, SummaryState

NAME = "digital_families"
# While a rebuild is queued, another is not (it reads the definition when it starts).
QUEUED_KEY = "lms:digital-skills-rebuild-queued"
QUEUED_TIMEOUT = 15 * 60

# [[skill area id, [local course ids carrying it], [national course ids]], ...], sorted.
Definition = list[list]


def required_areas():
    """The skill areas the definition requires."""
    slugs = lms_settings.DIGITAL_FAMILY_SKILLS
    areas = SkillArea.objects.all()
    return areas.filter(slug__in=slugs) if slugs else areas.filter(kind=SkillArea.Kind.BASIC_SKILL)


def definition_current() -> Definition:
    """The required skill areas (the ``DIGITAL_FAMILY_SKILLS`` slugs, or every
    basic skill) and the local and national courses carrying each, in two
    queries."""
    courses: dict[int, tuple[list[int], list[int]]] = {}
    for index, relation in enumerate(("course_pages", "national_courses")):
        for area_id, course_id in required_areas().values_list("pk", relation).order_by():
            found = courses.setdefault(area_id, ([], []))
            if course_id is not None:
                found[index].append(course_id)
    return [
        [area_id, sorted(local), sorted(national)]
        for area_id, (local, national) in sorted(courses.items())
    ]


def definition_stored() -> Definition | None:
    """The definition every learner's summary was last rebuilt for (None
    before the first rebuild)."""
    return SummaryState.objects.filter(name=NAME).values_list("definition", flat=True).first()


def summary_definition_is_current() -> bool:
    """Whether the summary may be read: it was rebuilt for the definition in
    force now (two small queries)."""
    stored = definition_stored()
    return stored is not None and stored == definition_current()


# --- Computing -------------------------------------------------------------------------------


def _within(column: str, learner_ids: list[int] | None) -> tuple[str, list[int]]:
    if learner_ids is None:
        return "", []
    return f"AND {column} IN ({', '.join(['%s'] * len(learner_ids))})", list(learner_ids)


def _update(definition: Definition, learner_ids: list[int] | None) -> int:
    """Set ``digital_skills_at`` of these learners (or of everyone) as the
    progress table says for ``definition``, in one statement that writes only
    the rows whose value changes. Returns the number of rows written."""
    if learner_ids is not None and not learner_ids:
        return 0
    table = connection.ops.quote_name(Learner._meta.db_table)
    sources = [
        (
            connection.ops.quote_name(model._meta.db_table),
            [(course_id, area[0]) for area in definition for course_id in area[index]],
        )
        for index, model in ((1, CourseProgress), (2, NationalCompletion))
    ]
    areas = {area[0] for area in definition}
    covered = {area_id for _table, pairs in sources for _course, area_id in pairs}
    learners, learner_params = _within("id", learner_ids)
    if not areas or covered != areas:
        # No area required, or one no course carries: nobody has the skills.
        sql = f"UPDATE {table} SET digital_skills_at = NULL WHERE digital_skills_at IS NOT NULL "  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql + learners, learner_params)
            return cursor.rowcount
    completions, completion_params = _within("p.learner_id", learner_ids)
    # Completions of a course carrying a required area, local and national.
    done, params = [], []
    for source, pairs in sources:
        if not pairs:
            continue
        values = ", ".join(["(%s, %s)"] * len(pairs))
        done.append(
            # The table names are ours; every value is a parameter.
            f"SELECT p.learner_id, c.area_id, p.completed_at FROM {source} p JOIN ("  # noqa: S608
            f"SELECT column1 AS course_id, column2 AS area_id FROM (VALUES {values}) v"
            f") c ON c.course_id = p.course_id WHERE p.completed_at IS NOT NULL {completions}"
        )
        params += [value for pair in pairs for value in pair] + completion_params
    # Each learner's earliest completion per area, the latest of those when
    # every area is covered; learners holding a value now come in with NULL
    # so that a value no longer supported is cleared.
    sql = f"""
        UPDATE {table} SET digital_skills_at = computed.at FROM (
            SELECT learner_id, MAX(at) AS at FROM (
                SELECT learner_id, MAX(first_at) AS at FROM (
                    SELECT learner_id, area_id, MIN(completed_at) AS first_at
                    FROM ({" UNION ALL ".join(done)}) done
                    GROUP BY learner_id, area_id
                ) per_area
                GROUP BY learner_id HAVING COUNT(*) = %s
                UNION ALL
                SELECT id, NULL FROM {table} WHERE digital_skills_at IS NOT NULL {learners}
            ) candidates
            GROUP BY learner_id
        ) computed
        WHERE {table}.id = computed.learner_id
          AND {table}.digital_skills_at IS DISTINCT FROM computed.at
    """  # noqa: S608 - the table names are ours; every value is a parameter
    params += [len(areas), *learner_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def learner_skills_refresh(
    learner_id: int,
    course_ids: Iterable[int] | None = None,
    national_ids: Iterable[int] = (),
) -> None:
    """Recompute one learner's summary for the stored definition, inside the
    recording service's transaction (which holds the learner's row lock).
    Nothing is written before the first rebuild, or when none of
    ``course_ids`` and ``national_ids`` (the local and national courses whose
    completion changed) carries a required skill area: one query then, two
    otherwise."""
    definition = definition_stored()
    if definition is None:
        return
    if course_ids is not None:
        local, national = set(course_ids), set(national_ids)
        if not any(local & set(area[1]) or national & set(area[2]) for area in definition):
            return
    _update(definition, [learner_id])


def skills_rebuild(*, learner_ids: Iterable[int] | None = None) -> int:
    """Recompute the summary from the progress table, set-based. For everyone
    (``learner_ids`` None): with the current definition, which is then stored
    as the one the summary answers. For some learners: with the stored
    definition (nothing before the first full rebuild). Returns the number of
    learners whose value changed."""
    with transaction.atomic():
        if learner_ids is not None:
            definition = definition_stored()
            if definition is None:
                return 0
            return _update(definition, sorted(set(learner_ids)))
        if connection.vendor == "postgresql":
            # Recording takes a learner's row lock (SELECT ... FOR UPDATE) before
            # it changes progress; this lock waits for those in flight and holds
            # new ones back until the rebuild commits, so no completion recorded
            # meanwhile is overwritten by a value computed before it. Reads go on.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"LOCK TABLE {connection.ops.quote_name(Learner._meta.db_table)} "
                    "IN EXCLUSIVE MODE"
                )
        definition = definition_current()
        changed = _update(definition, None)
        SummaryState.objects.update_or_create(
            name=NAME, defaults={"definition": definition, "rebuilt_at": timezone.now()}
        )
        if connection.vendor == "postgresql" and changed:
            # How many learners have the skills just changed wholesale: the
            # planner should know before the indicator next reads them.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(Learner._meta.db_table)}")
    return changed


def skills_rebuild_if_stale() -> bool:
    """Rebuild when the stored definition is not the current one (what the
    task runs). Returns whether it rebuilt."""
    cache.delete(QUEUED_KEY)  # a change from now on queues another rebuild
    if summary_definition_is_current():
        return False
    skills_rebuild()
    return True
