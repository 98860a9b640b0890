from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..text import fold, nfc, search_terms


class SearchTextMixin(models.Model):
    """Keeps a folded copy of the searchable text on the row itself.

    Folding in Python (see ``courses.text.fold``) and matching with LIKE gives
    the same diacritic-insensitive results on SQLite and PostgreSQL.
    """

    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    # Text fields whose input is normalised to NFC on save, so that the same
    # word typed on two keyboards is stored (and compared) identically.
    nfc_fields: tuple[str, ...] = ()

    def save(self, *args, **kwargs):
        # Only a full save (creating, publishing) refreshes the text: Wagtail
        # saves a draft with ``update_fields`` and the draft's content held in
        # memory must not become searchable before it is published.
        if kwargs.get("update_fields") is None:
            for name in self.nfc_fields:
                setattr(self, name, nfc(getattr(self, name)))
            self.refresh_search_text()
        return super().save(*args, **kwargs)

    def search_text_parts(self) -> list[str]:
        raise NotImplementedError

    def refresh_search_text(self) -> None:
        self.search_text = fold(" ".join(nfc(part) for part in self.search_text_parts() if part))


def matching(queryset, query: str):
    """Rows whose folded search text contains every word of ``query``."""
    for term in search_terms(query):
        queryset = queryset.filter(search_text__contains=term)
    return queryset
