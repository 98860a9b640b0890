"""allauth adapter: phone numbers live in ``lms.PhoneNumber`` in E.164 form and
codes go out through the pluggable SMS sender."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.messaging import send_sms
from lms.models import PhoneNumber
from lms.phones import normalise_phone, try_normalise_phone


class VietnamPhoneField(forms.CharField):
    """Accepts 0912 345 678, 0912.345.678 or +84 912 345 678; cleans to +84912345678."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Mobile phone number"))
        kwargs.setdefault("max_length", 25)
        kwargs.setdefault("help_text", gettext_lazy("For example 0912 345 678."))
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        return normalise_phone(value)


class AccountAdapter(DefaultAccountAdapter):
    def phone_form_field(self, **kwargs):
        kwargs.pop("validators", None)
        kwargs.pop("label", None)  # ours says "mobile" and is translated
        return VietnamPhoneField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return normalise_phone(phone)

    def set_phone(self, user, phone: str, verified: bool) -> None:
        PhoneNumber.objects.update_or_create(
            user=user, defaults={"number": normalise_phone(phone), "verified": verified}
        )

    def get_phone(self, user) -> tuple[str, bool] | None:
        record = PhoneNumber.objects.filter(user_id=user.pk).first()
        return (record.number, record.verified) if record else None

    def set_phone_verified(self, user, phone: str) -> None:
        PhoneNumber.objects.filter(user_id=user.pk, number=normalise_phone(phone)).update(
            verified=True
        )

    def get_user_by_phone(self, phone: str):
        number = try_normalise_phone(phone)
        if number is None:
            return None
        return get_user_model().objects.filter(phone_number__number=number, is_active=True).first()

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        send_sms(
            to=normalise_phone(phone),
            body=_("Học Vụ Số: your code is %(code)s. Never give it to anyone.") % {"code": code},
        )

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        send_sms(
            to=normalise_phone(phone),
            body=_(
                "Học Vụ Số: someone asked for a sign-in code for this number, but it has "
                "no account. If it was you, sign up first."
            ),
        )

    def send_account_already_exists_sms(self, phone: str) -> None:
        send_sms(
            to=normalise_phone(phone),
            body=_(
                "Học Vụ Số: someone tried to sign up with this number, which already has "
                "an account. If it was you, sign in or ask for a sign-in code."
            ),
        )


def user_display(user) -> str:
    """How allauth names the account in its messages: the learner's name rather
    than a generated user name."""
    learner = getattr(user, "learner", None) if user.pk else None
    if learner is not None:
        return learner.full_name
    return user.get_full_name() or user.email or user.get_username()
