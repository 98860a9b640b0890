"""Forms of national-course certificate claims and their verification."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from courses.models import NationalCourse
from lms.conf import lms_settings
from lms.models.national import ClaimAction
from lms.national.services import (
    MESSAGE_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    check_issue_date,
    clean_certificate_number,
    clean_plain_text,
)
from lms.national.uploads import check_certificate_file, too_large_message

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


class ClaimFieldsForm(forms.Form):
    """The fields a learner fills in, first or again. Checks are the services'
    own, so the form and the service cannot disagree."""

    certificate_number = forms.CharField(
        label=_("Certificate number"),
        max_length=100,
        error_messages={"required": _("Enter the certificate number.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    issued_on = forms.DateField(
        label=_("Date of issue"),
        input_formats=DATE_FORMATS,
        help_text=_("As on the certificate: day/month/year, for example 15/03/2026."),
        error_messages={
            "required": _("Enter the date of issue."),
            "invalid": _("Write the date as day/month/year, for example 15/03/2026."),
        },
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}
        ),
    )
    notes = forms.CharField(
        label=_("Notes for the trainer"),
        required=False,
        max_length=NOTES_MAX_LENGTH * 2,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Plain text only."),
    )
    file = forms.FileField(
        label=_("Photo or PDF of the certificate"),
        error_messages={"required": _("Add a photo or PDF of the certificate.")},
        # No ``capture``: with it, some Android browsers open the camera
        # straight away and a PDF can no longer be chosen; without it the
        # phone offers the camera and its files side by side.
        widget=forms.FileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    def __init__(self, *args, oversized_uploads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized_uploads = set(oversized_uploads or ())
        self.fields["file"].help_text = _(
            "Take a photo with your phone's camera, or choose a photo or PDF. "
            "JPEG, PNG, WebP, HEIC or PDF, up to %(size)s."
        ) % {"size": filesizeformat(lms_settings.CERTIFICATE_UPLOAD_MAX_BYTES)}
        self.checked_file = None

    def clean_certificate_number(self):
        return clean_certificate_number(self.cleaned_data["certificate_number"])

    def clean_issued_on(self):
        return check_issue_date(self.cleaned_data["issued_on"])

    def clean_notes(self):
        return clean_plain_text(self.cleaned_data["notes"], max_length=NOTES_MAX_LENGTH)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None:
            return None
        self.checked_file = check_certificate_file(uploaded)
        return uploaded

    def full_clean(self):
        # An oversized file never reaches request.FILES; say so instead of
        # "this field is required".
        super().full_clean()
        if "file" in self.oversized_uploads and self.is_bound:
            self._errors["file"] = self.error_class([too_large_message()])
            self.cleaned_data.pop("file", None)


class CertificateClaimForm(ClaimFieldsForm):
    course = forms.ModelChoiceField(
        label=_("National course"),
        queryset=NationalCourse.objects.none(),
        empty_label=_("Choose the course"),
        error_messages={
            "required": _("Choose the course the certificate is for."),
            "invalid_choice": _(
                "This course does not take certificate claims (it is closed or issues none)."
            ),
        },
    )

    field_order = ["course", "certificate_number", "issued_on", "notes", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = NationalCourse.objects.active().filter(
            issues_certificate=True
        )


class ClaimResubmitForm(ClaimFieldsForm):
    field_order = ["certificate_number", "issued_on", "notes", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = False
        self.fields["file"].label = _("A new photo or PDF (optional)")


class ClaimDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ClaimAction.APPROVED.value, _("Verify: the certificate is genuine")),
            (ClaimAction.MORE_INFO.value, _("Ask the learner for more information")),
            (ClaimAction.REJECTED.value, _("Do not accept (the learner may send it again)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    message = forms.CharField(
        label=_("Message to the learner"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH * 2,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you do not accept or ask for more. The learner sees it."),
    )

    def clean_message(self):
        return clean_plain_text(self.cleaned_data["message"], max_length=MESSAGE_MAX_LENGTH)

    def clean(self):
        data = super().clean()
        if data.get("decision") in {ClaimAction.REJECTED, ClaimAction.MORE_INFO} and not data.get(
            "message"
        ):
            self.add_error(
                "message",
                _("Tell the learner why, or what is missing: they will see this message."),
            )
        return data
