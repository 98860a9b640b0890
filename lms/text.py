"""Vietnamese text helpers: NFC input, diacritic-free keys, name sorting."""

from __future__ import annotations

import unicodedata


def nfc(value: str) -> str:
    """Some phone keyboards send decomposed (NFD) text; store one form."""
    return unicodedata.normalize("NFC", value or "")


def clean_text(value: str) -> str:
    """NFC with runs of whitespace collapsed."""
    return " ".join(nfc(value).split())


def fold(value: str) -> str:
    """Lower case without diacritics; "đ" becomes "d" (which accent stripping misses)."""
    decomposed = unicodedata.normalize("NFD", nfc(value).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_sort_key(full_name: str) -> str:
    """Vietnamese lists sort by given name (the last word), then the rest."""
    parts = clean_text(full_name).split()
    if not parts:
        return ""
    return fold(" ".join([parts[-1], *parts[:-1]]))
