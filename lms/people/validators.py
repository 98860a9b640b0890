"""Checks of people's data shared by the forms and the services that write it."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.people import MIN_YEAR_OF_BIRTH

MAX_AGE = 120


def validate_year_of_birth(year: int) -> None:
    this_year = timezone.localdate().year
    if year > this_year:
        raise ValidationError(_("The year of birth cannot be in the future."), code="future")
    if year < max(MIN_YEAR_OF_BIRTH, this_year - MAX_AGE):
        raise ValidationError(
            _("Please check the year of birth: write all four digits, e.g. 1958."),
            code="implausible",
        )
