"""Private storage of certificate files, shared by the claim services and
their background work: a file is kept only if the transaction that stored it
commits, and a replaced one is deleted once its replacement has."""

from __future__ import annotations

import logging
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction

logger = logging.getLogger(__name__)


def private_storage():
    return storages["private"]


def _new_file_name(extension: str, suffix: str = "") -> str:
    """An unguessable name that says nothing about its owner."""
    token = secrets.token_urlsafe(24)
    return f"certificates/{token[:2]}/{token}{suffix}.{extension}"


def _delete_files(*names: str) -> None:
    storage = private_storage()
    for name in names:
        if name:
            try:
                storage.delete(name)
            except OSError:  # pragma: no cover - logged, never blocks the learner
                logger.exception("Could not delete private file %s", name)


def delete_after_commit(*names: str) -> None:
    transaction.on_commit(lambda: _delete_files(*names))


class FilesOrNothing:
    """A transaction whose stored files are deleted again if it fails, so a
    refused or failed claim leaves no file behind. (Call services outside any
    outer transaction: Django has no hook for an outer rollback.)"""

    def __enter__(self):
        self.names: list[str] = []
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        return self

    def store(self, content: bytes, extension: str, suffix: str = "") -> str:
        name = private_storage().save(_new_file_name(extension, suffix), ContentFile(content))
        self.names.append(name)
        return name

    def __exit__(self, exc_type, exc, tb):
        try:
            self.atomic.__exit__(exc_type, exc, tb)
        except BaseException:
            _delete_files(*self.names)
            raise
        if exc_type is not None:
            _delete_files(*self.names)
        return False
