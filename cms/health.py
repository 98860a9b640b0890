"""Liveness of the services the site depends on, for /healthz."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

OK = "ok"
EAGER = "eager"


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return f"error: {exc.__class__.__name__}"
    return OK


def check_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        value = cache.get(key)
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}"
    return OK if value == "1" else "error: read-back failed"


def check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return EAGER
    from cms.celery import app

    try:
        with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}"
    return OK


def service_states() -> dict[str, str]:
    return {
        "database": check_database(),
        "cache": check_cache(),
        "broker": check_broker(),
    }


def is_healthy(states: dict[str, str]) -> bool:
    return all(state in (OK, EAGER) for state in states.values())
