from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .conf import courses_settings

# Every image an editor sets must say what it shows (pages and lesson blocks).
MISSING_ALT_TEXT = _("Add alt text: describe the image for people who cannot see it.")

COURSE_KEY = re.compile(r"^course-v1:[\w.\-~]+\+[\w.\-~]+\+[\w.\-~]+$")


def host_is_allowed(host: str) -> bool:
    """An allowed host, or a sub-domain of one (courses.example.gov.vn under example.gov.vn)."""
    host = (host or "").lower().rstrip(".")
    for allowed in courses_settings.NATIONAL_COURSE_HOSTS:
        allowed = allowed.lower().rstrip(".")
        if host == allowed or host.endswith("." + allowed):
            return True
    return False


def validate_national_course_url(value: str) -> None:
    """National-course links must be https and on a configured host, so the
    catalogue (and the redirect that uses it) can never send a learner elsewhere."""
    parts = urlsplit(value or "")
    if parts.scheme != "https":
        raise ValidationError(
            _("Use a secure address that starts with https://."), code="not_https"
        )
    if parts.username or parts.password or parts.port not in (None, 443):
        raise ValidationError(
            _("The address must not contain a user name, password or port."), code="bad_netloc"
        )
    if not host_is_allowed(parts.hostname or ""):
        raise ValidationError(
            _("%(host)s is not an allowed national platform. Allowed: %(allowed)s."),
            code="host_not_allowed",
            params={
                "host": parts.hostname or value,
                "allowed": ", ".join(courses_settings.NATIONAL_COURSE_HOSTS),
            },
        )


def validate_course_key(value: str) -> None:
    if value and not COURSE_KEY.match(value):
        raise ValidationError(
            _("A course key looks like course-v1:ORGANISATION+COURSE+RUN."), code="bad_course_key"
        )
