"""Learning events as xAPI 1.0.3 statements.

The event log already has the statement's shape (DESIGN.md, "The learning
record: one way in"); this module only spells it the way a Learning Record
Store expects. People appear as accounts on this site with opaque names (a
keyed hash of the row id): never a phone number, e-mail or name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.models import Site

from lms import privacy
from lms.models import Learner
from lms.models.records import LearningEvent

XAPI_VERSION = "1.0.3"
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"
PLATFORM = "Học Vụ Số"

# Our verbs -> ADL vocabulary. An in-class completion and a verified national
# certificate are completions too; the context says how they were recorded.
VERB_IRIS = {
    "opened": "experienced",
    "completed": "completed",
    "answered": "answered",
    "completed_in_class": "completed",
    "certificate_verified": "completed",
    "attended": "attended",
}
COMPLETION_VERBS = {"completed", "completed_in_class", "certificate_verified"}

EVENT_RELATED = (
    "learner",
    "recorded_by",
    "lesson",
    "course",
    "program",
    "national_course",
    "event_page",
)


def opaque_id(kind: str, pk) -> str:
    """A stable name for a person that does not reveal who they are outside
    this site (keyed with the secret key)."""
    return salted_hmac(f"lms.xapi.{kind}", str(pk)).hexdigest()[:32]


def site_homepage() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/")


class StatementBuilder:
    """Builds statements for many events, remembering page addresses so that
    a long export costs no query per row."""

    def __init__(self, homepage: str | None = None):
        self.homepage = homepage or site_homepage()
        self._urls: dict[int, str] = {}

    def _page_url(self, page, kind: str) -> str:
        if page.pk not in self._urls:
            self._urls[page.pk] = page.get_full_url() or (
                f"{self.homepage}/xapi/activities/{kind}/{page.pk}"
            )
        return self._urls[page.pk]

    def _agent(self, kind: str, pk) -> dict:
        return {
            "objectType": "Agent",
            "account": {"homePage": self.homepage, "name": opaque_id(kind, pk)},
        }

    def _activity(self, event) -> dict:
        if event.lesson_id:
            page, kind = event.lesson, "lesson"
        elif event.course_id:
            page, kind = event.course, "course"
        elif event.program_id:
            page, kind = event.program, "course"
        elif event.event_page_id:
            page, kind = event.event_page, "meeting"
        else:
            page, kind = None, "course"
        if page is not None:
            activity_id = self._page_url(page, "course" if kind == "course" else kind)
            name = page.title
        elif event.national_course_id:
            activity_id, name = event.national_course.url, event.national_course.title
        else:
            activity_id, name = f"{self.homepage}/xapi/activities/unknown", ""
        activity_type = "assessment" if event.verb == "answered" else kind
        definition = {"type": f"{ADL_ACTIVITIES}{activity_type}"}
        if name:
            definition["name"] = {"vi-VN": name}
        return {"objectType": "Activity", "id": activity_id, "definition": definition}

    def _result(self, event) -> dict | None:
        result: dict = {}
        data = event.result or {}
        score = data.get("score")
        if isinstance(score, int | float) and not isinstance(score, bool) and 0 <= score <= 100:
            result["score"] = {"scaled": round(score / 100, 4), "raw": score, "min": 0, "max": 100}
        if isinstance(data.get("success"), bool):
            result["success"] = data["success"]
        if event.verb in COMPLETION_VERBS:
            result["completion"] = True
        return result or None

    def _context(self, event) -> dict:
        context: dict = {
            "platform": PLATFORM,
            "language": "vi-VN",
            "extensions": {f"{self.homepage}/xapi/extensions/source": event.source},
        }
        learner_user_id = event.learner.user_id if event.learner_id else None
        if event.recorded_by_id and event.recorded_by_id != learner_user_id:
            context["instructor"] = self._agent("instructor", event.recorded_by_id)
        if event.lesson_id and event.course_id:
            context["contextActivities"] = {
                "parent": [{"objectType": "Activity", "id": self._page_url(event.course, "course")}]
            }
        return context

    def statement(self, event) -> dict:
        verb = VERB_IRIS.get(event.verb)
        verb_id = f"{ADL_VERBS}{verb}" if verb else f"{self.homepage}/xapi/verbs/{event.verb}"
        actor = (
            self._agent("actor", event.learner_id)
            if event.learner_id
            # The learner erased their account: the event stays, nameless.
            else {"objectType": "Agent", "account": {"homePage": self.homepage, "name": "erased"}}
        )
        statement = {
            "id": str(event.id),
            "version": XAPI_VERSION,
            "actor": actor,
            "verb": {"id": verb_id, "display": {"en-US": verb or event.verb}},
            "object": self._activity(event),
            "context": self._context(event),
            "timestamp": event.occurred_at.isoformat(),
            "stored": event.recorded_at.isoformat(),
        }
        result = self._result(event)
        if result:
            statement["result"] = result
        return statement

    def statements(self, events: Iterable) -> Iterator[dict]:
        for event in events:
            yield self.statement(event)


def event_statement(event) -> dict:
    """One event as an xAPI statement (see :class:`StatementBuilder`)."""
    return StatementBuilder().statement(event)


def _events():
    return LearningEvent.objects.select_related(*EVENT_RELATED)


def learner_statements(learner) -> list[dict]:
    return list(
        StatementBuilder().statements(_events().for_learner(learner).order_by("occurred_at", "id"))
    )


def statements_between(start: date, end: date) -> Iterator[dict]:
    """Every statement whose event happened from ``start`` to ``end``
    (inclusive, in the site's time zone), streamed in order for an export."""
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), tz)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    events = (
        _events()
        .filter(occurred_at__gte=since, occurred_at__lt=until)
        .order_by("occurred_at", "id")
        .iterator(chunk_size=500)
    )
    return StatementBuilder().statements(events)


@privacy.register_exporter("xapi_statements")
def export_statements(user) -> list[dict]:
    """The learner's own learning record, in a format other systems read."""
    learner = Learner.objects.filter(user=user).first()
    return learner_statements(learner) if learner is not None else []
