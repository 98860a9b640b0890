"""The learner's pass: a signed code (shown as a QR on "My learning" and on
the printed sign-in card) that staff scan at an event's door. It holds the
learner's id and nothing else, signed with the site's secret and a salt of
its own, so it cannot be forged or reused as another kind of token."""

from __future__ import annotations

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SALT = "lms.people.learner-pass"
INVALID = gettext_lazy(
    "This code is not a learner's code from this site. Find the learner by name instead."
)
# A printed card is kept for a long while; a new one (or the page) gives a fresh code.
MAX_AGE = datetime.timedelta(days=400)


def learner_pass(learner) -> str:
    """The learner's current pass code."""
    return signing.dumps(learner.pk, salt=SALT, compress=False)


def learner_pass_id(code: str) -> int:
    """The learner id a pass code holds. ValidationError (translated) for a
    code that was forged, mistyped or has expired."""
    code = (code or "").strip()
    try:
        value = signing.loads(code, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            _(
                "This learner's code has expired. Ask them to show the code on their "
                "phone again, or find them by name."
            ),
            code="expired",
        ) from None
    except signing.BadSignature:
        raise ValidationError(
            INVALID,
            code="invalid",
        ) from None
    if not isinstance(value, int):
        raise ValidationError(
            INVALID,
            code="invalid",
        )
    return value
