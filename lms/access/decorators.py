"""Who may use the staff pages."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from lms.access.selectors import granted_paths


def user_can_manage_learners(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or granted_paths(user))
    )


def staff_required(view):
    """Signed in, holding a staff grant (or an administrator). Two-factor setup
    is enforced for these views by ``lms.middleware.StaffTwoFactorMiddleware``."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not user_can_manage_learners(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.lms_staff_view = True
    return wrapper
