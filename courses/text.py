"""Text helpers for Vietnamese: normalisation and diacritic-insensitive search.

Vietnamese is typed with and without accents ("thanh toan" for "Thanh toán"),
and "đ" is a separate letter that Unicode does not decompose into "d". Search
therefore compares *folded* text: both the stored search text and the query go
through :func:`fold`, so the comparison works the same on SQLite and PostgreSQL
without database extensions.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]+>")


def nfc(text: str) -> str:
    """Normalise to NFC, the form Vietnamese text is stored and compared in."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics, with đ/Đ as d."""
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def strip_tags(html: str) -> str:
    return _TAGS.sub(" ", html or "")


def search_terms(query: str) -> list[str]:
    """The folded words of a search query, NFC first so input from any keyboard matches."""
    return [word for word in fold(nfc(query)).split(" ") if word][:10]
