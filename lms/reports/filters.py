"""The period filter every report takes, validated with clear messages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.classes.forms import DateField

EARLIEST = datetime.date(2000, 1, 1)


@dataclass(frozen=True)
class Period:
    """A closed range of local dates; either end may be open."""

    start: datetime.date | None = None
    end: datetime.date | None = None

    def q(self, field: str) -> Q:
        """Rows whose ``field`` (a datetime) falls within the period."""
        query = Q()
        if self.start:
            query &= Q(**{f"{field}__gte": _local_midnight(self.start)})
        if self.end:
            query &= Q(**{f"{field}__lt": _local_midnight(self.end + datetime.timedelta(days=1))})
        return query

    def label(self) -> str:
        if self.start and self.end:
            return gettext("from %(start)s to %(end)s") % {
                "start": self.start.strftime("%d/%m/%Y"),
                "end": self.end.strftime("%d/%m/%Y"),
            }
        if self.start:
            return gettext("since %(start)s") % {"start": self.start.strftime("%d/%m/%Y")}
        if self.end:
            return gettext("until %(end)s") % {"end": self.end.strftime("%d/%m/%Y")}
        return gettext("all time")

    def params(self) -> dict:
        return {
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
        }


def _local_midnight(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


class PeriodForm(forms.Form):
    """``from`` and ``to`` in the query string. A range that runs backwards,
    or dates no record can have, get a message instead of an empty report."""

    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)

    def add_prefix(self, field_name):
        return {"start": "from", "end": "to"}.get(field_name, field_name)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        latest = timezone.localdate() + datetime.timedelta(days=366)
        for name, value in (("start", start), ("end", end)):
            if value and not EARLIEST <= value <= latest:
                self.add_error(
                    name,
                    _("Choose a date between %(earliest)s and %(latest)s.")
                    % {
                        "earliest": EARLIEST.strftime("%d/%m/%Y"),
                        "latest": latest.strftime("%d/%m/%Y"),
                    },
                )
        if start and end and start > end and not self.errors:
            raise forms.ValidationError(
                _("The period runs backwards: the start date is after the end date."),
                code="backwards",
            )
        return cleaned

    def period(self) -> Period:
        return Period(self.cleaned_data.get("start"), self.cleaned_data.get("end"))
