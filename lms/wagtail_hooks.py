"""Wagtail hooks of the lms app."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import LessonPage
from lms.learning.progress import lesson_progress_for
from lms.learning.services.records import event_record
from lms.models import EventHost, LessonProgress, Source, Verb, VillageHelper
from lms.people.selectors import learner_for

OPENED_NAMESPACE = uuid.UUID("6f0d5a7e-3a4b-4a43-9a51-0d3f3c5e8b21")


@hooks.register("before_serve_page")
def record_first_visit(page, request, serve_args, serve_kwargs):
    """A signed-in learner opening a lesson for the first time starts it (and
    its course), which "My learning" then lists. Later visits record nothing.
    The event id is derived from learner and lesson, so two tabs opening the
    lesson at once still record one event."""
    if not isinstance(page, LessonPage) or request.method != "GET":
        return None
    progress = lesson_progress_for(request.user, page)
    learner = learner_for(request.user)
    if learner is None:
        return None
    if progress is None:
        try:
            event_record(
                event_id=uuid.uuid5(OPENED_NAMESPACE, f"{learner.pk}:{page.pk}"),
                learner=learner,
                verb=Verb.OPENED,
                occurred_at=timezone.now(),
                source=Source.WEB,
                lesson=page,
            )
        except ValidationError:  # e.g. its course is unpublished: show the page anyway
            return None
        progress = LessonProgress.objects.filter(learner=learner, lesson=page).first()
    memo = request.__dict__.setdefault("_lms_learning_memo", {})
    memo[("lesson", page.pk)] = progress
    return None


class VillageHelperViewSet(SnippetViewSet):
    """Editors keep every village's helpers (they are not place-scoped);
    managers keep their own villages' on the staff pages."""

    model = VillageHelper
    icon = "group"
    menu_label = _("Village helpers")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "village", "role", "active"]
    list_filter = ["role", "active"]
    search_fields = ["name"]
    panels = [
        FieldPanel("village"),
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("phone"),
        FieldPanel("zalo"),
        FieldPanel("hours"),
        FieldPanel("user"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]


register_snippet(VillageHelperViewSet)


class EventHostViewSet(SnippetViewSet):
    """Which place holds each event: its staff check people in at the door
    and see the event's figures."""

    model = EventHost
    icon = "date"
    menu_label = _("Event places")
    add_to_admin_menu = True
    menu_order = 261
    list_display = ["event", "place"]
    panels = [PageChooserPanel("event", page_type="courses.EventPage"), FieldPanel("place")]


register_snippet(EventHostViewSet)
