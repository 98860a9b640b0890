"""Personal data export and erasure, extensible by later parts of the app.

Each part that stores personal data registers an *exporter* (what goes into a
learner's data download) and an *eraser* (what deleting the account does to
its rows, e.g. turn learning records into anonymous counts). Deletion runs
every eraser in one transaction before the account itself is removed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register_exporter(name: str) -> Callable[[Exporter], Exporter]:
    """``@register_exporter("learning_records")`` on ``fn(user) -> JSON-able``."""

    def decorator(fn: Exporter) -> Exporter:
        _exporters[name] = fn
        return fn

    return decorator


def register_eraser(name: str) -> Callable[[Eraser], Eraser]:
    """``@register_eraser("learning_records")`` on ``fn(user) -> None``; runs
    inside the deletion transaction, before the account row is deleted."""

    def decorator(fn: Eraser) -> Eraser:
        _erasers[name] = fn
        return fn

    return decorator


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)


def erasers() -> dict[str, Eraser]:
    return dict(_erasers)
