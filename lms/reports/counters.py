"""The movement's public counters on the home page, for the whole site.

- **learners**: every registered learner (a ``Learner`` profile, whether or not
  they have learned yet: the movement counts who joined);
- **courses completed**: course completions for all time from the learners'
  tallies, which count local courses and national courses whose certificate a
  trainer verified (the same figure as the indicators' "courses completed");
- **certificates**: national certificate claims a trainer approved, plus local
  certificates (course or 4T program) issued and not revoked;
- **digital families**: households with a member who has the "Gia đình số"
  skills (``lms.learning.services.digital_families``), read from the learners'
  summary like the indicators do.

Five count queries on summary rows (no per-row work; 0.55 s warm for a
province of 800,000 learners on PostgreSQL), kept in the cache for
``PUBLIC_COUNTERS_SECONDS`` (60 by default). What changes a counter (a course
completed, a claim decided, a certificate issued or revoked, a learner or a
household saved or deleted, a page published or unpublished) is noted after
its transaction commits (``lms.reports.signal_handlers``), and the next page
rendered counts again; single learning events that complete nothing note
nothing. One process recounts at a time, and recounts for changes are spaced
by ten times the last count's duration (none for a commune, about 5 s for a
province), so a stream of completions costs at most a tenth of one process.
The anonymous page cache keeps the home page no longer than the counters it
shows have left (``PublicCounters.fresh_for``), so anonymous
visitors see a change within ``PUBLIC_COUNTERS_SECONDS``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Sum

from lms.conf import lms_settings
from lms.learning.services.digital_families import summary_definition_is_current
from lms.learning.tasks import skills_rebuild_soon
from lms.models import (
    Certificate,
    CertificateClaim,
    ClaimStatus,
    Household,
    Learner,
    LearnerTally,
)
from lms.models.tallies import ALL_TIME
from lms.reports.filters import Period
from lms.reports.indicators import skilled_learners

logger = logging.getLogger(__name__)

CACHE_KEY = "lms:public-counters"
# When a counter last changed (time.time()), and a recount in progress or spaced out.
CHANGED_KEY = "lms:public-counters:changed"
RECOUNT_KEY = "lms:public-counters:recount"
RECOUNT_TIMEOUT = 60  # a recount that died leaves its lock no longer than this


@dataclass(frozen=True)
class PublicCounters:
    learners: int
    courses_completed: int
    certificates: int
    digital_families: int
    computed_at: float  # time.time() when counted

    def fresh_for(self) -> int:
        """Seconds this copy may still be shown (at least 1)."""
        left = self.computed_at + lms_settings.PUBLIC_COUNTERS_SECONDS - time.time()
        return max(1, int(left))


def _digital_families() -> int:
    if summary_definition_is_current():
        skilled = Learner.objects.filter(digital_skills_at__isnull=False, household__isnull=False)
        return skilled.aggregate(n=Count("household", distinct=True))["n"] or 0
    # The summary answers an older definition: count from the progress table
    # this once (as the indicators do) and have it rebuilt in the background.
    skills_rebuild_soon()
    skilled = skilled_learners(Period(None, None))
    if skilled is None:
        return 0
    return Household.objects.filter(Exists(skilled.filter(household=OuterRef("pk")))).count()


def public_counters_count() -> PublicCounters:
    """Count the figures now (five queries)."""
    completed = LearnerTally.objects.filter(span=ALL_TIME).aggregate(n=Sum("courses_completed"))
    return PublicCounters(
        learners=Learner.objects.count(),
        courses_completed=completed["n"] or 0,
        certificates=(
            CertificateClaim.objects.filter(status=ClaimStatus.APPROVED).count()
            + Certificate.objects.valid().count()
        ),
        digital_families=_digital_families(),
        computed_at=time.time(),
    )


def public_counters() -> PublicCounters:
    """The counters, from the cache (one round trip) unless a change was noted
    after they were counted, or they are ``PUBLIC_COUNTERS_SECONDS`` old.

    A change noted while a recount is spaced out (:func:`_recount_allowed`)
    is shown by a later recount, at the latest when the copy expires."""
    try:
        found = cache.get_many([CACHE_KEY, CHANGED_KEY])
    except Exception:  # a cache outage costs time, never the page
        logger.warning("Cache unavailable; counting without it.", exc_info=True)
        return public_counters_count()
    stored = found.get(CACHE_KEY)
    changed = found.get(CHANGED_KEY)
    if isinstance(stored, PublicCounters) and (
        changed is None or changed < stored.computed_at or not _recount_allowed()
    ):
        return stored
    started = time.monotonic()
    counters = public_counters_count()
    took = time.monotonic() - started
    try:
        cache.set(CACHE_KEY, counters, lms_settings.PUBLIC_COUNTERS_SECONDS)
        # Recounting for changes spends at most a tenth of one process's time:
        # 0.55 s for a province of 800,000 learners, so at most every 5 s.
        spacing = int(took * 10)
        if spacing:
            cache.set(RECOUNT_KEY, 1, spacing)
        else:
            cache.delete(RECOUNT_KEY)
    except Exception:
        logger.warning("Cache unavailable; not storing the counters.", exc_info=True)
    return counters


def _recount_allowed() -> bool:
    """Whether this process may recount for a change now: no other is, and the
    last recount was not too recent (one cache round trip)."""
    return cache.add(RECOUNT_KEY, 1, RECOUNT_TIMEOUT)


def public_counters_invalidate() -> None:
    """Note that a counter changed: the next page counts again (one cache
    round trip), unless a recount ran very recently (then a later one
    shows it)."""
    try:
        cache.set(CHANGED_KEY, time.time(), lms_settings.PUBLIC_COUNTERS_SECONDS)
    except Exception:
        logger.warning("Cache unavailable; could not note the change.", exc_info=True)
