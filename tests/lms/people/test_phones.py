import pytest
from django.core.exceptions import ValidationError

from lms.phones import display_phone, normalise_phone


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "+84912345678",
        "+84 912 345 678",
        "84912345678",
        "0084912345678",
        "091-234-5678",
    ],
)
def test_vietnamese_formats_become_one_e164_form(raw):
    assert normalise_phone(raw) == "+84912345678"


@pytest.mark.parametrize(
    "raw", ["", "12345", "091234567", "09123456789", "abc", "0912 345 67x", "+849", "0000000000"]
)
def test_malformed_numbers_are_rejected_with_a_clear_message(raw):
    with pytest.raises(ValidationError) as info:
        normalise_phone(raw)
    assert "10" in info.value.messages[0]


def test_numbers_are_shown_as_people_write_them():
    assert display_phone("+84912345678") == "0912 345 678"
