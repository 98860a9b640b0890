"""Print the current two-step code of the demo staff accounts (demo only)."""

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management.base import BaseCommand

from lms.demo.people import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the six-digit code the demo staff accounts' authenticator shows right now."

    def handle(self, *args, **options):
        counter = next(iter(yield_hotp_counters_from_time()))
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
