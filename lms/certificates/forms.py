from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.certificates.services import REVOKE_REASON_MAX_LENGTH, normalise_code
from lms.text import clean_text

EARLIEST_EXPORT_DATE = datetime.date(2000, 1, 1)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=64,
        help_text=_("As printed on the certificate, e.g. ABCD-EFGH-JKLM-NPQR."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("That is not a certificate code: it has 16 letters and digits."), code="invalid"
            )
        return code


class NameCheckForm(forms.Form):
    name = forms.CharField(
        label=_("Full name as printed on the certificate"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_name(self) -> str:
        return clean_text(self.cleaned_data["name"])


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        max_length=REVOKE_REASON_MAX_LENGTH,
        # An empty or blank reason says what is missing, not just "required".
        error_messages={"required": _("Give the reason for revoking this certificate.")},
        help_text=_("Kept with the certificate. The public page shows only that it was revoked."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_reason(self) -> str:
        reason = clean_text(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError(
                _("Give the reason for revoking this certificate."), code="required"
            )
        return reason


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=_("First day"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("Last day"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Both days are included."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            return data
        today = timezone.localdate()
        if start > end:
            raise forms.ValidationError(
                _("The start date is after the end date."), code="backwards"
            )
        if start < EARLIEST_EXPORT_DATE or end > today:
            raise forms.ValidationError(
                _("Choose dates between %(earliest)s and today.")
                % {"earliest": EARLIEST_EXPORT_DATE.strftime("%d/%m/%Y")},
                code="out_of_range",
            )
        return data
