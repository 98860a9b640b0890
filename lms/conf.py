"""The lms app's keys of ``settings.HOCVUSO`` (see courses.conf)."""

from courses.conf import AppSettings, Option

OPTIONS: dict[str, Option] = {}

lms_settings = AppSettings("lms", OPTIONS)
