"""The test suite. Every asynchronous path is synchronous (Celery eager with
propagation, Wagtail's tasks immediate). DATABASE_URL, CACHE_URL and
CELERY_BROKER_URL still select the real services for the PostgreSQL/Redis run."""

import os

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-any-deployment"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Accept the authenticator code of the time step before or after the current
# one (allauth's default is the current step only), so a browser test that
# types a code a moment before a 30-second boundary is not refused after it.
MFA_TOTP_TOLERANCE = 1
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # One prefix per run: runs sharing a Redis never see or clear each other's keys.
    CACHES["default"]["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX", f"hocvuso-test-{os.getpid()}")
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"
# Serve static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Text messages go to lms.messaging.outbox, which tests read like mail.outbox.
HOCVUSO = {**HOCVUSO, "SMS_SENDER": "lms.messaging.LocmemSmsSender"}
