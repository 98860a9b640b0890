"""Reads of the people side that are not scoped staff lists (those are in
``lms.access.selectors``)."""

from __future__ import annotations

from lms.models import Learner

#: Where :func:`learner_for` keeps the learner it fetched, on the user object
#: of the request (so for one request only). False: not fetched yet.
LEARNER_CACHE = "_lms_learner"


def learner_for(user, *, related: tuple[str, ...] = ()) -> Learner | None:
    """The learner profile of a signed-in account, or None (an anonymous
    visitor, or an account without a profile), fetched once per request.
    ``related`` names relations to fetch in the same query, when this is the
    request's first fetch."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, LEARNER_CACHE, False)
    if cached is False:
        learners = Learner.objects.filter(user=user)
        if related:
            learners = learners.select_related(*related)
        cached = learners.first()
        setattr(user, LEARNER_CACHE, cached)
    return cached
