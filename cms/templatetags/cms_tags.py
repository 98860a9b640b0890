import logging

from django import template
from django.core.cache import cache
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from courses import cache as content_cache

register = template.Library()
logger = logging.getLogger(__name__)

# Bumped whenever a permission or group membership changes (cms.signal_handlers).
PERMISSIONS_GENERATION_KEY = "cms:permissions:generation"
ADMIN_ACCESS_TIMEOUT = 60 * 10


def can_access_admin(user) -> bool:
    """Whether the account may open Wagtail's admin. Asking costs two queries
    (the account's and its groups' permissions), so the answer is kept per
    account until any permission or group membership changes."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    key = admin_access_key(user.pk)
    try:
        found = content_cache.get_many([PERMISSIONS_GENERATION_KEY, key])
        current = found.get(PERMISSIONS_GENERATION_KEY)
        if current is None:  # never a number an older answer was kept under
            current = content_cache.counter(PERMISSIONS_GENERATION_KEY)
    except Exception:
        logger.warning("Cache unavailable; asking the database.", exc_info=True)
        return user.has_perm("wagtailadmin.access_admin")
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        return stored[1]
    allowed = user.has_perm("wagtailadmin.access_admin")
    try:
        cache.set(key, (current, allowed), ADMIN_ACCESS_TIMEOUT)
    except Exception:
        logger.warning("Cache unavailable; not storing.", exc_info=True)
    return allowed


def admin_access_key(user_id) -> str:
    return f"cms:admin-access:{user_id}"


def bump_permissions_generation(**kwargs) -> None:
    content_cache.counter_bump(PERMISSIONS_GENERATION_KEY)


@register.simple_tag(takes_context=True)
def editor_userbar(context, position="bottom-right"):
    """Wagtail's user bar (edit this page), for those who may edit: learners
    never see it, and their pages do not pay for asking."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can_access_admin(user):
        return ""
    return wagtailuserbar(context, position)
