"""Who signed up for an event and who came (the pages themselves are
``courses.EventPage``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.people import Learner
from lms.models.places import Place, PlaceKind


class EventHost(models.Model):
    """The learning side of one event page: the place that holds it (whose
    trainers, ambassadors and managers check people in and see its figures)
    and the row locked while a seat is given, so concurrent sign-ups never
    exceed the page's capacity."""

    event = models.OneToOneField(
        "courses.EventPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("event"),
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("place"),
        limit_choices_to={"kind__in": [PlaceKind.PROVINCE, PlaceKind.COMMUNE, PlaceKind.VILLAGE]},
        help_text=_(
            "The commune or village that holds the event: its staff check people in "
            "and see its figures. Without one, only administrators can."
        ),
    )

    class Meta:
        verbose_name = _("event place")
        verbose_name_plural = _("event places")

    def __str__(self) -> str:
        return f"{self.event} · {self.place}" if self.place_id else str(self.event)


class EventRegistration(models.Model):
    """One learner signed up for one event (by themselves, by staff, or at
    the door as a walk-in), and when they were checked in."""

    event = models.ForeignKey(
        "courses.EventPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("event"),
    )
    learner = models.ForeignKey(
        Learner,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("learner"),
    )
    registered_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed up by"),
    )
    walk_in = models.BooleanField(_("walk-in"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "learner"], name="lms_event_signup_once")
        ]
        indexes = [models.Index(fields=["event", "checked_in_at"], name="lms_event_reg_checkin")]

    def __str__(self) -> str:
        return f"{self.event_id} · {self.learner_id}"


__all__ = ["EventHost", "EventRegistration"]
