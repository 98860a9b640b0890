"""Compile every .po catalogue to .mo with Babel.

Django's own compilemessages needs GNU gettext's msgfmt, a system package a
new user may not have; Babel is a Python dependency and does the same job.
"""

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def locale_dirs() -> list[Path]:
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    base = Path(settings.BASE_DIR).resolve()
    installed = Path(sys.prefix).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        ours = path.is_relative_to(base) and not path.is_relative_to(installed)
        if ours and (path / "locale").is_dir():
            dirs.append(path / "locale")
    return [d for d in dirs if d.is_dir()]


class Command(BaseCommand):
    help = "Compile the project's .po translation catalogues to .mo files (no gettext needed)."

    def handle(self, *args, **options):
        count = 0
        for directory in locale_dirs():
            for po_path in sorted(directory.glob("*/LC_MESSAGES/*.po")):
                locale = po_path.parent.parent.name
                try:
                    with po_path.open("rb") as po_file:
                        catalog = read_po(po_file, locale=locale)
                except Exception as exc:
                    raise CommandError(f"{po_path}: {exc}") from exc
                with po_path.with_suffix(".mo").open("wb") as mo_file:
                    write_mo(mo_file, catalog, use_fuzzy=False)
                count += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"compiled {po_path}")
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"{count} catalogue(s) compiled"))
