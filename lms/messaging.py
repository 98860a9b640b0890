"""Text messages (SMS) through a pluggable sender.

``HOCVUSO["SMS_SENDER"]`` names a class with a ``send(message)`` method. The
default prints messages to the log (development); tests use ``LocmemSmsSender``,
whose ``outbox`` they read like Django's ``mail.outbox``. A provider is plugged
in by writing a small sender class (see the README).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lms.conf import import_setting, lms_settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmsMessage:
    to: str  # E.164, e.g. +84912345678
    body: str


class BaseSmsSender:
    """Subclass and implement ``send``; raise an exception when the provider fails."""

    def send(self, message: SmsMessage) -> None:
        raise NotImplementedError


class ConsoleSmsSender(BaseSmsSender):
    """Writes each message to the log instead of sending it (development)."""

    def send(self, message: SmsMessage) -> None:
        logger.info("SMS to %s: %s", message.to, message.body)


#: Messages sent through ``LocmemSmsSender``, in order (tests read and clear it).
outbox: list[SmsMessage] = []


class LocmemSmsSender(BaseSmsSender):
    """Keeps messages in ``lms.messaging.outbox`` (tests)."""

    def send(self, message: SmsMessage) -> None:
        outbox.append(message)


def get_sms_sender() -> BaseSmsSender:
    return import_setting(lms_settings.SMS_SENDER)()


def send_sms(*, to: str, body: str) -> None:
    get_sms_sender().send(SmsMessage(to=to, body=str(body)))
