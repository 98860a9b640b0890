import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

DOWN_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_healthz_reports_each_service(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    # Without a broker, tasks run eagerly and health says so.
    assert body["broker"] == ("ok" if settings.CELERY_BROKER_URL else "eager")
    # Never an answer kept by a cache on the way.
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "max-age=0"} <= directives


def test_healthz_is_503_when_configured_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = DOWN_REDIS
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["broker"].startswith("error")
    assert body["database"] == "ok"


def test_healthz_is_503_when_configured_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DOWN_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")


def test_healthz_rejects_writes(client):
    assert client.post("/healthz").status_code == 405
