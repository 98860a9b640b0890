from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DoorCodeForm(forms.Form):
    """The code read from a learner's QR (by the camera, or typed or pasted)."""

    code = forms.CharField(
        label=_("Learner's code"),
        max_length=200,
        help_text=_("Scan the QR code on the learner's phone or card, or type the code under it."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class DoorLearnerForm(forms.Form):
    """ "Check in" pressed next to a name found by search."""

    learner = forms.IntegerField(widget=forms.HiddenInput)
    q = forms.CharField(required=False, widget=forms.HiddenInput)
