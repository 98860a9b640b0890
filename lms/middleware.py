"""Staff must set up two-factor authentication before using staff pages."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from lms.access.selectors import is_staff_member
from lms.conf import lms_settings


def _prefix(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


class StaffTwoFactorMiddleware:
    """Sends staff without an authenticator app to set one up, and sends the
    Wagtail and Django admin login pages to the site's sign-in (which asks for
    the second factor), so no staff sign-in can skip it. Learners are not
    affected."""

    ADMIN_HOME_NAMES = ("wagtailadmin_home", "admin:index")
    ADMIN_LOGIN_NAMES = ("wagtailadmin_login", "admin:login")

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefixes: list[str] | None = None
        self._admin_logins: set[str] | None = None

    def _resolve_names(self) -> None:
        if self._admin_prefixes is None:
            self._admin_prefixes = [p for p in map(_prefix, self.ADMIN_HOME_NAMES) if p]
            self._admin_logins = {p for p in map(_prefix, self.ADMIN_LOGIN_NAMES) if p}

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        self._resolve_names()
        path = request.path_info
        if path in self._admin_logins:
            target = request.GET.get("next") or path.rsplit("login/", 1)[0]
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = "/"
            return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': target})}")
        if not lms_settings.STAFF_REQUIRE_MFA or not request.user.is_authenticated:
            return None
        is_staff_page = getattr(view_func, "lms_staff_view", False) or any(
            path.startswith(prefix) for prefix in self._admin_prefixes
        )
        if not is_staff_page or not is_staff_member(request.user):
            return None
        if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
            return None
        messages.warning(
            request,
            _("Staff accounts need two-step sign-in. Set up an authenticator app to continue."),
        )
        return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': path})}")


class RateLimitedMiddleware:
    """allauth raises ``RateLimited`` from some flows (e.g. a second phone code
    within 30 seconds) without answering it; answer 429 with a plain page
    instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from allauth.core.exceptions import RateLimited
        from django.template.response import TemplateResponse

        if isinstance(exception, RateLimited):
            response = TemplateResponse(request, "lms/too_many_requests.html", status=429)
            return response.render()
        return None
