"""Settings of the learning layer.

A host site configures both apps through one setting, ``HOCVUSO``, a dict.
Each app declares its keys with defaults here (courses) and in ``lms.conf``;
``checks.py`` validates them when Django starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

SETTING_NAME = "HOCVUSO"


@dataclass(frozen=True)
class Option:
    default: Any
    validate: Callable[[Any], bool]
    expected: str
    doc: str


def _is_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _is_host_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(
        isinstance(h, str) and h and "/" not in h and ":" not in h for h in value
    )


# Every app of the learning layer declares its keys here, so one system
# check can validate them all and flag unknown (misspelt) keys.
REGISTRY: dict[str, dict[str, Option]] = {}


class AppSettings:
    """Reads ``settings.HOCVUSO[key]``, falling back to the declared default."""

    def __init__(self, app_label: str, options: dict[str, Option]):
        self.options = options
        REGISTRY[app_label] = options

    def user_settings(self) -> dict:
        value = getattr(settings, SETTING_NAME, {})
        return value if isinstance(value, dict) else {}

    def __getattr__(self, name: str) -> Any:
        options = self.__dict__.get("options", {})
        if name not in options:
            raise AttributeError(name)
        return self.user_settings().get(name, options[name].default)


OPTIONS: dict[str, Option] = {
    "BASE_TEMPLATE": Option(
        "base.html",
        _is_str,
        "a template name",
        "The host site's base template that every learner page extends.",
    ),
    "NATIONAL_COURSE_HOSTS": Option(
        ["binhdanhocvuso.gov.vn"],
        _is_host_list,
        "a list of host names (no scheme, port or path)",
        "Hosts that national-course URLs may point to (https only).",
    ),
    "NATIONAL_COURSE_LINK_URL_NAME": Option(
        "courses:national_course_go",
        _is_str,
        "a URL name taking the national course's pk",
        "The view every link to a national course goes through. The default redirects "
        "without recording anything; a site with the lms app sets "
        '"lms:national_course_go", which records the visit of a signed-in learner.',
    ),
}

courses_settings = AppSettings("courses", OPTIONS)
