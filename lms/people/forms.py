"""Short forms for phones. Every text input is NFC-normalised."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.models import TargetGroup
from lms.adapter import VietnamPhoneField
from lms.conf import lms_settings
from lms.models import (
    ConsentMethod,
    DigitalIdStatus,
    Gender,
    Learner,
    PhoneNumber,
    Place,
    PlaceKind,
)
from lms.people.services import learner_signup
from lms.people.services.people import household_by_code, needs_guardian
from lms.people.validators import validate_year_of_birth
from lms.text import clean_text


class NameField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 150)
        kwargs.setdefault("label", _("Full name"))
        kwargs.setdefault("help_text", _("Family name first, e.g. Nguyễn Thị Lan."))
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "name"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = clean_text(super().clean(value))
        if value and len(value) < 2:
            raise ValidationError(_("Please write the full name."), code="short")
        return value


class TextField(forms.CharField):
    """A CharField whose value is NFC with tidy spaces."""

    def clean(self, value):
        return clean_text(super().clean(value))


class YearOfBirthField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Year of birth"))
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        kwargs.setdefault("validators", [validate_year_of_birth])
        kwargs.setdefault(
            "error_messages", {"invalid": _("Write the year of birth in digits, e.g. 1958.")}
        )
        super().__init__(**kwargs)


class VillageChoiceField(forms.ModelChoiceField):
    """Villages labelled with their commune, without a query per village."""

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("label", _("Village"))
        kwargs.setdefault("empty_label", _("Choose your village"))
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Choose a village from the list.")},
        )
        super().__init__(
            queryset=queryset if queryset is not None else village_queryset(), **kwargs
        )
        self._parents: dict[str, str] | None = None

    def label_from_instance(self, obj):
        if self._parents is None:
            self._parents = dict(
                Place.objects.filter(kind=PlaceKind.COMMUNE).values_list("path", "name")
            )
        commune = self._parents.get(obj.path[: len(obj.path) - Place.steplen])
        return f"{obj.name} ({commune})" if commune else obj.name


def village_queryset():
    return Place.objects.villages().order_by("path")


def guardian_errors(form: forms.Form, year: int | None) -> None:
    if not needs_guardian(year):
        return
    message = _("Learners under %(age)s need a parent's or guardian's consent.") % {
        "age": lms_settings.GUARDIAN_CONSENT_UNDER_AGE
    }
    for name in ("guardian_name", "guardian_relationship"):
        if not form.cleaned_data.get(name) and name not in form.errors:
            form.add_error(name, message)


class SignupProfileForm(forms.Form):
    """What allauth's sign-up form adds: who and where the learner is, and consent.

    allauth builds its form on this class (``ACCOUNT_SIGNUP_FORM_CLASS``) and
    calls ``signup()`` once the account exists, inside the same request."""

    field_order = [
        "full_name",
        "phone",
        "email",
        "password1",
        "password2",
        "village",
        "year_of_birth",
        "household_code",
        "create_household",
        "guardian_name",
        "guardian_relationship",
        "consent",
    ]

    full_name = NameField()
    village = VillageChoiceField()
    year_of_birth = YearOfBirthField(required=False)
    household_code = forms.CharField(
        label=_("Household code (optional)"),
        max_length=20,
        required=False,
        help_text=_("If someone in your household already signed up, ask them for the code."),
    )
    create_household = forms.BooleanField(
        label=_("Start a new household for my family"), required=False
    )
    guardian_name = TextField(
        label=_("Parent or guardian (for learners under 16)"), max_length=150, required=False
    )
    guardian_relationship = TextField(
        label=_("Relationship to the learner"), max_length=60, required=False
    )
    consent = forms.BooleanField(
        label=_("I agree that Học Vụ Số keeps these details to record my learning."),
        error_messages={"required": _("Please agree so that we can record your learning.")},
    )

    def clean(self):
        cleaned = super().clean()
        has_phone_error = "phone" in self.errors or "email" in self.errors
        if (
            "phone" in self.fields
            and not cleaned.get("phone")
            and not cleaned.get("email")
            and not has_phone_error
        ):
            raise ValidationError(
                _("Enter a mobile phone number or an e-mail address."), code="no_login"
            )
        code = cleaned.get("household_code")
        if code and cleaned.get("create_household"):
            self.add_error(
                "household_code",
                _("Either join a household with its code or start a new one, not both."),
            )
        elif code:
            household = household_by_code(code)
            village = cleaned.get("village")
            if household is None:
                self.add_error(
                    "household_code",
                    _("No household has this code. Check it with a member of the household."),
                )
            elif village and household.village_id != village.pk:
                self.add_error(
                    "household_code",
                    _("This household is in another village. Choose your village first."),
                )
        guardian_errors(self, cleaned.get("year_of_birth"))
        return cleaned

    def signup(self, request, user) -> None:
        data = self.cleaned_data
        learner_signup(
            user=user,
            full_name=data["full_name"],
            village=data["village"],
            year_of_birth=data.get("year_of_birth"),
            household_code=data.get("household_code", ""),
            create_household=data.get("create_household", False),
            guardian_name=data.get("guardian_name", ""),
            guardian_relationship=data.get("guardian_relationship", ""),
        )


class ProfileForm(forms.Form):
    full_name = NameField()
    village = VillageChoiceField()
    year_of_birth = YearOfBirthField(required=False)
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("Prefer not to say")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    digital_id_status = forms.ChoiceField(
        label=_("Digital identity (VNeID)"),
        choices=DigitalIdStatus.choices,
        widget=forms.RadioSelect,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("I am… (optional)"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def initial_for(cls, learner: Learner) -> dict:
        return {
            "full_name": learner.full_name,
            "village": learner.village_id,
            "year_of_birth": learner.year_of_birth,
            "gender": learner.gender,
            "digital_id_status": learner.digital_id_status,
            "target_groups": list(learner.target_groups.all()),
        }


class HouseholdJoinForm(forms.Form):
    code = forms.CharField(label=_("Household code"), max_length=20)


class StaffHouseholdForm(forms.Form):
    """Staff start a household in a village of their own area."""

    village = VillageChoiceField()
    name = TextField(
        label=_("Household name"),
        max_length=150,
        help_text=_("Usually the head of the household, e.g. Hộ ông Hồ Văn Lành."),
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["village"].empty_label = _("Choose a village")


class AssistedRegistrationForm(forms.Form):
    """A trainer registers someone in a village of the trainer's own area."""

    full_name = NameField()
    year_of_birth = YearOfBirthField()
    village = VillageChoiceField()
    phone = VietnamPhoneField(label=_("Mobile phone number (optional)"), required=False)
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("Prefer not to say")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    consent_method = forms.ChoiceField(
        label=_("How did the learner give consent?"),
        choices=[
            (ConsentMethod.WRITTEN.value, ConsentMethod.WRITTEN.label),
            (ConsentMethod.VERBAL.value, ConsentMethod.VERBAL.label),
        ],
        widget=forms.RadioSelect,
    )
    witness_name = TextField(
        label=_("Witness (for verbal consent)"), max_length=150, required=False
    )
    guardian_name = TextField(
        label=_("Parent or guardian (for learners under 16)"), max_length=150, required=False
    )
    guardian_relationship = TextField(
        label=_("Relationship to the learner"), max_length=60, required=False
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["village"].empty_label = _("Choose a village")

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        if phone and PhoneNumber.objects.filter(number=phone).exists():
            raise ValidationError(_("This phone number already belongs to an account."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_method") == ConsentMethod.VERBAL and not cleaned.get(
            "witness_name"
        ):
            self.add_error("witness_name", _("Verbal consent needs the name of the witness."))
        guardian_errors(self, cleaned.get("year_of_birth"))
        return cleaned


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be erased for good."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
