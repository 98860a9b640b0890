"""The lms app's keys of ``settings.HOCVUSO`` (see courses.conf)."""

from typing import Any

from django.utils.module_loading import import_string

from courses.conf import AppSettings, Option

# Dotted paths an operator may have set before the code behind them moved into
# a feature room of lms: they keep meaning what they meant.
MOVED_PATHS = {
    "lms.services.certificates.default_issuer_name": (
        "lms.certificates.services.default_issuer_name"
    ),
}


def import_setting(path: str) -> Any:
    """What a dotted-path setting names, following a path that has moved."""
    return import_string(MOVED_PATHS.get(path, path))


def _is_dotted_path(value: Any) -> bool:
    if not isinstance(value, str) or "." not in value:
        return False
    try:
        import_setting(value)
    except ImportError:
        return False
    return True


def _is_short_str(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 30


def _is_positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_slug_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(s, str) and s for s in value)


OPTIONS: dict[str, Option] = {
    "QUARTERLY_REMINDER_DAYS": Option(
        7,
        _is_positive_int,
        "a positive whole number of days",
        "Managers are reminded this many days before the quarterly report's deadline "
        "(the 10th of the quarter's last month) while it is not frozen.",
    ),
    "DIGITAL_FAMILY_SKILLS": Option(
        [],
        _is_slug_list,
        "a list of skill-area slugs",
        "A household counts as a digital family (Gia đình số) when one member has completed a "
        "course in each of these skill areas; empty means every basic digital skill.",
    ),
    "PUBLIC_COUNTERS_SECONDS": Option(
        60,
        _is_positive_int,
        "a positive whole number of seconds",
        "The home page's public counters (learners, completed courses, certificates, digital "
        "families) are at most this old, for anonymous visitors too.",
    ),
    "RECORD_BATCH_MAX": Option(
        50,
        _is_positive_int,
        "a positive whole number",
        "The most learning events a phone may send in one batch after being offline.",
    ),
    "RECORD_CLOCK_SKEW_SECONDS": Option(
        300,
        _is_positive_int,
        "a positive whole number of seconds",
        "How far in the future an event's time may be (phone clocks drift) before it is refused.",
    ),
    "SMS_SENDER": Option(
        "lms.messaging.ConsoleSmsSender",
        _is_dotted_path,
        "the dotted path of an SMS sender class",
        "Sends text messages (sign-in and verification codes). The default writes them to the log.",
    ),
    "PRIVACY_POLICY_VERSION": Option(
        "2026-01",
        _is_short_str,
        "a short version label",
        "The privacy policy version consent records refer to; change it with the policy.",
    ),
    "GUARDIAN_CONSENT_UNDER_AGE": Option(
        16,
        _is_positive_int,
        "a positive whole number of years",
        "Learners younger than this need a parent's or guardian's consent (Law 91/2025/QH15).",
    ),
    "SIGN_IN_CARD_DAYS": Option(
        30,
        _is_positive_int,
        "a positive whole number of days",
        "How long the one-time QR code on a printed sign-in card stays valid.",
    ),
    "STAFF_REQUIRE_MFA": Option(
        True,
        _is_bool,
        "True or False",
        "Staff must set up an authenticator app before using staff pages.",
    ),
    "CERTIFICATE_ISSUER": Option(
        "lms.certificates.services.default_issuer_name",
        _is_dotted_path,
        "the dotted path of a function taking a Wagtail Site and returning a name",
        "Who issues local certificates, printed on them; the default is the Wagtail site name.",
    ),
    "CERTIFICATE_NAME_CHECKS_PER_HOUR": Option(
        10,
        _is_positive_int,
        "a positive whole number",
        "How many names a visitor may try per hour on one certificate's verification page.",
    ),
    "CERTIFICATE_UPLOAD_MAX_BYTES": Option(
        8 * 1024 * 1024,
        _is_positive_int,
        "a positive whole number of bytes",
        "The largest national-certificate photo or PDF a learner may upload "
        "(counted while it arrives; nothing larger is kept).",
    ),
    "CERTIFICATE_PHOTO_MAX_SIDE": Option(
        2000,
        _is_positive_int,
        "a positive whole number of pixels",
        "Certificate photos are re-encoded without metadata and scaled down to this longest side.",
    ),
}

lms_settings = AppSettings("lms", OPTIONS)
