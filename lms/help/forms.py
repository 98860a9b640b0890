"""Forms of the help room. Every text input is NFC-normalised; phones go
through ``lms.phones``."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.help.services import MESSAGE_MAX, NOT_A_SITE_VILLAGE
from lms.models import HelperRole, HelpNeed, HelpRequestOutcome, Place
from lms.phones import normalise_phone
from lms.text import clean_text, nfc


class VillageField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Village"))
        kwargs.setdefault("empty_label", _("Choose your village"))
        kwargs.setdefault("error_messages", {"invalid_choice": NOT_A_SITE_VILLAGE})
        super().__init__(queryset=Place.objects.none(), **kwargs)

    def label_from_instance(self, obj):
        return obj.name


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        attrs = {"inputmode": "tel", "autocomplete": "tel"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else ""


class NfcCharField(forms.CharField):
    def to_python(self, value):
        return nfc(super().to_python(value)).strip()


class VillageChooserForm(forms.Form):
    thon = VillageField(label=_("Your village"))

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thon"].queryset = villages


class HelpRequestForm(forms.Form):
    need = forms.ChoiceField(
        label=_("What do you need help with?"),
        choices=HelpNeed.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you need help with.")},
    )
    village = VillageField()
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = PhoneField(
        label=_("Your phone number"),
        help_text=_("A helper calls you back on this number."),
    )
    message = NfcCharField(
        label=_("What happened? (optional)"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, villages, phone_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        message = self.fields["message"]
        message.help_text = gettext("A few words, at most %(max)s characters.") % {
            "max": MESSAGE_MAX
        }
        message.error_messages["max_length"] = gettext(
            "Keep the message under %(max)s characters."
        ) % {"max": MESSAGE_MAX}
        self.fields["phone"].required = phone_required
        if phone_required:
            self.fields["phone"].error_messages["required"] = _(
                "Leave a phone number so that a helper can call you back."
            )
        else:
            self.fields["phone"].label = _("Your phone number (optional)")

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"])
        if len(name) < 2:
            raise ValidationError(_("Please write your name."))
        return name


class HelpCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it end?"),
        choices=HelpRequestOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it ended.")},
    )
    log_help = forms.BooleanField(
        label=_("Write it in the help log (it counts in the indicators)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, can_log: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_log:
            del self.fields["log_help"]


class VillageHelperForm(forms.Form):
    village = VillageField(label=_("Village"), empty_label=_("Choose a village"))
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=HelperRole.choices)
    phone = PhoneField(label=_("Phone (optional)"), required=False)
    zalo = PhoneField(label=_("Zalo number (optional)"), required=False)
    hours = forms.CharField(
        label=_("Hours (optional)"),
        max_length=120,
        required=False,
        help_text=_("When to call, e.g. “Tối thứ 2–6, 19:00–21:00”."),
    )
    user = forms.ModelChoiceField(
        label=_("Staff account (optional)"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Linked, the helper sees and answers this village's requests for help."),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, required=False, initial=0)

    def __init__(self, *args, villages, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["village"].error_messages["invalid_choice"] = _(
            "Choose a village of your places from the list."
        )
        self.fields["user"].queryset = accounts
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "hours"):
            if cleaned.get(name):
                cleaned[name] = clean_text(cleaned[name])
        if not cleaned.get("phone") and not cleaned.get("zalo") and "phone" not in self.errors:
            self.add_error("phone", _("Give a phone number or a Zalo number."))
        return cleaned
