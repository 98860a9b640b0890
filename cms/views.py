from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import is_healthy, service_states


@never_cache
@require_GET
def healthz(request):
    states = service_states()
    healthy = is_healthy(states)
    return JsonResponse(
        {"status": "ok" if healthy else "error", **states},
        status=200 if healthy else 503,
    )


@require_GET
def switch_language(request, code: str):
    """Set the interface language by a plain link, so the switcher works in
    pages served from the shared anonymous cache (no per-visitor CSRF token)."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if code in dict(settings.LANGUAGES) and check_for_language(code):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@require_GET
def bench_minimal(request):
    """The floor of every benchmark: the full middleware stack and a response
    with no database, template or Wagtail routing. Mounted only when the
    BENCHMARK_VIEWS setting is on (see BENCHMARKS.md)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
