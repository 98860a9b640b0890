"""Import places (province, commune, village) from a CSV file; see the README."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lms.people.services import places_import_csv


class Command(BaseCommand):
    help = (
        "Create or update places from a UTF-8 CSV with the columns code, name, kind, "
        "parent_code, adults_16_plus, households. All rows or none are imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file ('-' reads standard input).")

    def handle(self, *args, path, **options):
        if path == "-":
            import sys

            text = sys.stdin.read()
        else:
            try:
                text = Path(path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            result = places_import_csv(text=text)
        except ValidationError as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Places created: {result.created}, updated: {result.updated}.")
        )
