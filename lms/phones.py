"""Vietnamese mobile numbers, stored in one form: E.164 (+84...)."""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.text import nfc

_SEPARATORS = re.compile(r"[\s.\-()]")
INVALID_PHONE = _("Enter a mobile number of 10 digits starting with 0, for example 0912 345 678.")


def normalise_phone(value: str) -> str:
    """``0912 345 678``, ``0912.345.678`` and ``+84 912 345 678`` all become
    ``+84912345678``. Raises ``ValidationError`` for anything that is not a
    valid number (in Vietnam unless it carries another country code)."""
    raw = _SEPARATORS.sub("", nfc(value or "").strip())
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if not re.fullmatch(r"\+?\d{6,15}", raw):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    try:
        parsed = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(INVALID_PHONE, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def try_normalise_phone(value: str) -> str | None:
    try:
        return normalise_phone(value)
    except ValidationError:
        return None


def display_phone(e164: str) -> str:
    """How people here write their number: 0912 345 678."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if parsed.country_code == 84:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
