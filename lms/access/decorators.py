"""Who may use the staff pages."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from lms.access.policy import granted_paths, is_village_helper, teaches_a_class


def user_can_manage_learners(user) -> bool:
    """Signed in and active, holding a place grant (or an administrator)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or granted_paths(user))
    )


def user_can_use_class_pages(user) -> bool:
    """As ``user_can_manage_learners``, or a trainer of a class."""
    return user_can_manage_learners(user) or bool(
        getattr(user, "is_authenticated", False) and user.is_active and teaches_a_class(user)
    )


def user_can_use_help_pages(user) -> bool:
    """As ``user_can_manage_learners``, or linked to an active village helper."""
    return user_can_manage_learners(user) or is_village_helper(user)


def _staff_only(allowed):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.lms_staff_view = True
        return wrapper

    return decorator


#: Staff with a place grant, or administrators. Two-factor setup is enforced
#: for these views by ``lms.middleware.StaffTwoFactorMiddleware``.
staff_required = _staff_only(user_can_manage_learners)

#: As ``staff_required``, and also trainers given only a class.
class_staff_required = _staff_only(user_can_use_class_pages)

#: As ``staff_required``, and also village helpers linked to an account.
help_staff_required = _staff_only(user_can_use_help_pages)
