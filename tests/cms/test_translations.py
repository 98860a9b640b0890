"""Vietnamese is the default language: every catalogued string is translated."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    p
    for pattern in ("**/locale/vi/LC_MESSAGES/*.po", "locale_thirdparty/vi/LC_MESSAGES/*.po")
    for p in ROOT.glob(pattern)
    if ".venv" not in p.parts
)


def test_there_are_vietnamese_catalogues():
    assert {p.relative_to(ROOT).parts[0] for p in CATALOGUES} >= {"locale", "courses", "lms"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated(path):
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="vi")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id)
    assert missing == [], f"untranslated or fuzzy in {path.relative_to(ROOT)}"
