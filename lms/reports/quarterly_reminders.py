"""When a quarterly report is due (the cut-off day of the quarter's last
month) and who reports it, and reminding those managers before the deadline
(run daily by ``lms.reports.tasks``)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.access.policy import Action, Kind, rule
from lms.conf import lms_settings
from lms.models import Grant, PlaceKind
from lms.models.quarterly import (
    QuarterlyReminder,
    QuarterlyReport,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
)
from lms.reports.periods import current_period, deadline

REPORT_ROLES = rule(Kind.PLACE, Action.REPORT).roles  # who is reminded
REPORT_PLACE_KINDS = (PlaceKind.COMMUNE, PlaceKind.PROVINCE)


def current_quarter(today: datetime.date | None = None) -> tuple[int, int]:
    """The reporting quarter ``today`` belongs to (after a cut-off day, the next one)."""
    period = current_period(ReportKind.QUARTER, today)
    return period.year, period.quarter


def quarter_deadline(year: int, quarter: int) -> datetime.date:
    return deadline(ReportingPeriod(ReportKind.QUARTER, year, quarter))


def reminder_due(today: datetime.date | None = None) -> tuple[int, int] | None:
    """The quarter whose deadline (its cut-off day) falls within the
    reminder window from ``today``, if any."""
    today = today or timezone.localdate()
    year, quarter = current_quarter(today)
    due = quarter_deadline(year, quarter)
    days = lms_settings.QUARTERLY_REMINDER_DAYS
    if due - datetime.timedelta(days=days) <= today <= due:
        return year, quarter
    return None


def quarterly_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail each manager once per place and quarter when the deadline is
    near and the report is not frozen. Returns the number of reminders sent.
    Run daily by Celery beat; running it twice sends nothing twice."""
    due = reminder_due(today)
    if due is None:
        return 0
    year, quarter = due
    due_on = quarter_deadline(year, quarter).strftime("%d/%m/%Y")
    frozen = set(
        QuarterlyReport.objects.filter(
            kind=ReportKind.QUARTER, year=year, quarter=quarter, status=ReportStatus.FROZEN
        ).values_list("place_id", flat=True)
    )
    grants = (
        Grant.objects.active()
        .filter(role__in=REPORT_ROLES, place__kind__in=REPORT_PLACE_KINDS, user__is_active=True)
        .exclude(place_id__in=frozen)
        .select_related("user", "place")
        .order_by("pk")
    )
    sent = 0
    for grant in grants:
        user = grant.user
        if not user.email:
            continue
        with transaction.atomic():
            _reminder, created = QuarterlyReminder.objects.get_or_create(
                user=user, place=grant.place, year=year, quarter=quarter
            )
            if not created:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                send_mail(
                    _("Quarterly report for %(place)s is due on %(date)s")
                    % {"place": grant.place.name, "date": due_on},
                    _(
                        "The report of quarter %(quarter)s/%(year)s for %(place)s is due on "
                        "%(date)s. Prepare it, review it and freeze it in the staff pages."
                    )
                    % {
                        "quarter": quarter,
                        "year": year,
                        "place": grant.place.name,
                        "date": due_on,
                    },
                    None,
                    [user.email],
                )
        sent += 1
    return sent
