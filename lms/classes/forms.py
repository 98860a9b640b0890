"""Forms for classes and sessions: short, for a trainer on a phone."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from lms.classes.help_log import OUT_OF_SCOPE
from lms.models import Learner, Place, PlaceKind
from lms.models.help_log import VNEID_LEVELS, HelpOutcome
from lms.people.forms import TextField

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateField(forms.DateField):
    """A date picker on phones; dd/mm/yyyy typed by hand works too."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        kwargs.setdefault(
            "error_messages", {"invalid": _("Write the date as dd/mm/yyyy, e.g. 05/03/2026.")}
        )
        super().__init__(**kwargs)


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Place) -> str:
        if obj.kind == PlaceKind.COMMUNE:
            return obj.name
        return f"· {obj.name}"


class TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class TrainingClassForm(forms.Form):
    name = TextField(label=_("Name of the class"), max_length=150)
    place = PlaceChoiceField(
        label=_("Village or commune"),
        queryset=Place.objects.none(),
        empty_label=_("Choose a place"),
        error_messages={"invalid_choice": _("Choose a place from the list.")},
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses taught"),
        queryset=CoursePage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    trainers = TrainerChoiceField(
        label=_("Trainers"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("If you choose nobody, you are the trainer."),
    )
    trainer_email = forms.EmailField(
        label=_("Add a trainer by e-mail (optional)"),
        required=False,
        help_text=_("Someone with an account who teaches only this class, e.g. a youth volunteer."),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, places, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["courses"].queryset = CoursePage.objects.live().order_by("path")
        self.fields["trainers"].queryset = trainers

    def clean_trainer_email(self):
        email = self.cleaned_data.get("trainer_email")
        if not email:
            return None
        user = (
            get_user_model()
            .objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email))
            .filter(is_active=True)
            .distinct()
            .first()
        )
        if user is None:
            raise ValidationError(_("No account has this e-mail address."), code="no_account")
        return user


class ClassSessionForm(forms.Form):
    date = DateField(label=_("Date"))
    venue = TextField(label=_("Venue (optional)"), max_length=200, required=False)


class AmbassadorHelpForm(forms.Form):
    date = DateField(label=_("Date"))
    place = PlaceChoiceField(
        label=_("Village or commune"),
        queryset=Place.objects.none(),
        empty_label=_("Choose a place"),
        error_messages={"invalid_choice": _("Choose a place from the list.")},
    )
    service = TextField(
        label=_("Service"),
        max_length=200,
        help_text=_("E.g. installing VNeID, a birth registration."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=HelpOutcome.choices, widget=forms.RadioSelect
    )
    # Only when the log was opened from a learner's page (a deliberate link).
    learner = forms.ModelChoiceField(
        queryset=Learner.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )
    vneid_level = forms.ChoiceField(
        label=_("VNeID set up for this person"),
        choices=[("", _("No VNeID set up")), *VNEID_LEVELS],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Their digital identity is then recorded as confirmed by you."),
    )

    def __init__(self, *args, places, learners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["learner"].queryset = learners
        if not (self.data.get("learner") or self.initial.get("learner")):
            del self.fields["vneid_level"]

    def clean(self):
        cleaned = super().clean()
        # A hidden field's error would not be shown next to it.
        if "learner" in self._errors:
            del self._errors["learner"]
            self.add_error(None, OUT_OF_SCOPE)
        return cleaned
