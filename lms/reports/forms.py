"""The form managers set a place's targets with, for one year."""

from __future__ import annotations

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from lms.models import Indicator, Place
from lms.reports.targets import Targets, parse_target

PERIODS = (None, 1, 2, 3, 4)  # the whole year, then each quarter


def field_name(indicator: str, quarter: int | None) -> str:
    return f"{indicator}__{quarter or 'year'}"


def percent_text(value) -> str:
    return f"{number_format(value, decimal_pos=1)} %"


def _plain(value) -> str:
    """A stored target as a manager would type it: 80, 80,5 (no trailing zeros)."""
    if value == value.to_integral_value():
        return str(int(value))
    return number_format(value.quantize(value.normalize()), use_l10n=True)


class TargetField(forms.CharField):
    """A share in percent, typed as "80", "80,5" or "80.5 %"; empty for none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 8}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        return parse_target(super().clean(value))


class TargetsForm(forms.Form):
    """One field per share indicator and period (the whole year and each
    quarter) for ``place`` in ``targets.year``; an empty field means the place
    follows the target of the place above it, which its help text gives."""

    def __init__(self, *args, place: Place, targets: Targets, parent: Place | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = place
        self.groups = []
        for indicator in Indicator:
            names = []
            for quarter in PERIODS:
                name = field_name(indicator.value, quarter)
                own = targets.own_value(place.path, indicator.value, quarter)
                inherited = targets.inherited(place.path, indicator.value, quarter)
                if inherited is not None and parent is not None:
                    help_text = _("Empty: %(value)s, set above this place.") % {
                        "value": percent_text(inherited)
                    }
                else:
                    help_text = _("Empty: no target.")
                self.fields[name] = TargetField(
                    label=_("Whole year")
                    if quarter is None
                    else _("Quarter %(quarter)s") % {"quarter": quarter},
                    help_text=help_text,
                    initial="" if own is None else _plain(own),
                )
                names.append(name)
            self.groups.append((indicator, [self[name] for name in names]))

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:  # the error read out with the field
                self.fields[name].widget.attrs["aria-describedby"] = (
                    f"{self[name].auto_id}_error {self[name].auto_id}_helptext"
                )

    def changes(self, targets: Targets):
        """``(indicator, quarter, value)`` for each field whose value differs
        from the place's own target (value None: remove it)."""
        for indicator in Indicator:
            for quarter in PERIODS:
                value = self.cleaned_data.get(field_name(indicator.value, quarter))
                if value != targets.own_value(self.place.path, indicator.value, quarter):
                    yield indicator.value, quarter, value


__all__ = ["TargetsForm", "field_name", "percent_text"]
