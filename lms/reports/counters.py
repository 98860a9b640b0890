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

Five count queries on summary rows (no per-row work), kept in the cache for
``PUBLIC_COUNTERS_SECONDS`` (60 by default). What changes a counter (a course
completed, a claim decided, a certificate issued or revoked, a learner or a
household saved or deleted, a page published or unpublished) drops the copy
after its transaction commits (``lms.reports.signal_handlers``), so the next
page rendered counts again; single learning events that complete nothing
drop nothing. The anonymous page cache keeps the home page no longer than the
counters it shows have left (:func:`public_counters_fresh_for`), so anonymous
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
    """The counters, from the cache when counted less than
    ``PUBLIC_COUNTERS_SECONDS`` ago (one cache round trip)."""
    try:
        found = cache.get(CACHE_KEY)
    except Exception:  # a cache outage costs time, never the page
        logger.warning("Cache unavailable; counting without it.", exc_info=True)
        return public_counters_count()
    if isinstance(found, PublicCounters):
        return found
    counters = public_counters_count()
    try:
        cache.set(CACHE_KEY, counters, lms_settings.PUBLIC_COUNTERS_SECONDS)
    except Exception:
        logger.warning("Cache unavailable; not storing the counters.", exc_info=True)
    return counters


def public_counters_invalidate() -> None:
    """Have the next page count again (one cache round trip)."""
    try:
        cache.delete(CACHE_KEY)
    except Exception:
        logger.warning("Cache unavailable; could not drop the counters.", exc_info=True)
