"""Certificate pages: the learner's own (print page, PDF), the public
verification page, and the staff list, revocation and xAPI export."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lms.access.audit import audit_record
from lms.access.decorators import staff_required
from lms.access.policy import Action, certificates_for
from lms.certificates.forms import CodeForm, DateRangeForm, NameCheckForm, RevokeForm
from lms.certificates.services import (
    certificate_lookup,
    certificate_name_matches,
    certificate_revoke,
    normalise_code,
)
from lms.conf import lms_settings
from lms.learning.xapi import statements_between
from lms.models import AuditAction
from lms.models.certificates import Certificate
from lms.models.people import name_search
from lms.qr import qr_svg

PAGE_SIZE = 50
NAME_CHECK_WINDOW = 60 * 60


def _verify_url(request, certificate: Certificate) -> str:
    return request.build_absolute_uri(reverse("lms:certificate_verify", args=[certificate.code]))


def _own_certificate(request, code: str) -> Certificate:
    normalised = normalise_code(code)
    certificate = (
        Certificate.objects.filter(code=normalised, learner__user=request.user).first()
        if normalised
        else None
    )
    if certificate is None:
        raise Http404
    return certificate


def _not_found(request, code: str = ""):
    response = render(request, "lms/certificates/not_found.html", {"code": code[:64]}, status=404)
    patch_cache_control(response, private=True)
    return response


# --- The learner's own -----------------------------------------------------------


@never_cache
@login_required
def my_certificates(request):
    certificates = Certificate.objects.filter(learner__user=request.user)
    return render(request, "lms/certificates/mine.html", {"certificates": certificates})


@never_cache
@login_required
def certificate_detail(request, code: str):
    certificate = _own_certificate(request, code)
    verify_url = _verify_url(request, certificate)
    return render(
        request,
        "lms/certificates/detail.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "qr_svg": qr_svg(verify_url, box_size=10),
        },
    )


@never_cache
@login_required
def certificate_download(request, code: str):
    from lms.certificates.pdf import certificate_pdf  # reportlab: imported when a PDF is made

    certificate = _own_certificate(request, code)
    pdf = certificate_pdf(certificate, verify_url=_verify_url(request, certificate))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-chi-{certificate.code}.pdf"'
    return response


# --- Public verification -----------------------------------------------------------


def verify_lookup(request):
    """Type the code printed on a certificate (for a verifier without a QR
    scanner). Holds no personal data, so it may be cached like any page."""
    form = CodeForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("lms:certificate_verify", code=form.cleaned_data["code"])
    return render(request, "lms/certificates/verify_lookup.html", {"form": form})


def _name_check_allowed(request, certificate: Certificate) -> bool:
    """Fixed-window limits per certificate and per address: a holder's name
    must not be found by trying names one after another."""
    limit = lms_settings.CERTIFICATE_NAME_CHECKS_PER_HOUR
    address = request.META.get("REMOTE_ADDR", "")
    allowed = True
    for key, most in (
        (f"lms:certificate-name:{certificate.pk}", limit),
        (f"lms:certificate-name-ip:{address}", limit * 3),
    ):
        cache.add(key, 0, NAME_CHECK_WINDOW)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, NAME_CHECK_WINDOW)
            count = 1
        allowed = allowed and count <= most
    return allowed


@never_cache
def certificate_verify(request, code: str):
    """What anyone holding the paper may learn: whether it is valid, for what,
    when, from whom, and the holder's initials. The full name only comes back
    to someone who already typed it."""
    normalised = normalise_code(code)
    if normalised is None:
        return _not_found(request, code)
    if normalised != code:
        return redirect("lms:certificate_verify", code=normalised)
    certificate = certificate_lookup(normalised)
    if certificate is None:
        return _not_found(request, code)
    form = NameCheckForm()
    name_result = None
    status = 200
    if request.method == "POST" and not certificate.is_revoked:
        if not _name_check_allowed(request, certificate):
            name_result = "limited"
            status = 429
        elif (form := NameCheckForm(request.POST)).is_valid():
            matches = certificate_name_matches(
                certificate=certificate, name=form.cleaned_data["name"]
            )
            name_result = "match" if matches else "mismatch"
            if matches:
                form = NameCheckForm()
    return render(
        request,
        "lms/certificates/verify.html",
        {"certificate": certificate, "form": form, "name_result": name_result},
        status=status,
    )


# --- Staff ----------------------------------------------------------------------------


def _staff_certificates(request):
    certificates = certificates_for(request.user).select_related("learner", "learner__village")
    query = request.GET.get("q", "").strip()[:100]
    code = normalise_code(query)
    if code:
        certificates = certificates.filter(code=code)
    else:
        certificates = certificates.filter(name_search(query, "learner__sort_name"))
    status = request.GET.get("status", "")
    if status == "valid":
        certificates = certificates.filter(revoked_at__isnull=True)
    elif status == "revoked":
        certificates = certificates.filter(revoked_at__isnull=False)
    return certificates, query, status


@never_cache
@staff_required
def staff_certificates(request):
    certificates, query, status = _staff_certificates(request)
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW_LIST,
        detail={"list": "certificates", "q": query, "status": status, "page": page.number},
        request=request,
    )
    return render(
        request,
        "lms/certificates/staff_list.html",
        {
            "page_obj": page,
            "query": query,
            "status": status,
            "query_string": urlencode({"q": query, "status": status}),
        },
    )


@never_cache
@staff_required
def staff_certificate_revoke(request, code: str):
    """Out of scope and unknown look the same (404): staff cannot probe for
    certificates outside their villages."""
    normalised = normalise_code(code)
    certificate = (
        certificates_for(request.user, Action.REVOKE)
        .select_related("learner", "learner__village")
        .filter(code=normalised)
        .first()
        if normalised
        else None
    )
    if certificate is None:
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            audit_record(
                actor=request.user,
                action=AuditAction.VIEW_LEARNER,
                learner_id=certificate.learner_id,
                detail={"certificate": certificate.code, "revoked": True},
                request=request,
            )
            messages.success(request, _("The certificate is revoked."))
            return redirect("lms:staff_certificates")
    else:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW_LEARNER,
            learner_id=certificate.learner_id,
            detail={"certificate": certificate.code},
            request=request,
        )
    return render(
        request,
        "lms/certificates/staff_revoke.html",
        {"certificate": certificate, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_required
def xapi_export(request):
    """All learning events of a date range as xAPI statements, one JSON
    object per line (NDJSON), streamed: administrators only."""
    if not request.user.is_superuser:
        raise PermissionDenied
    form = DateRangeForm(request.GET or None)
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            detail={"export": "xapi", "from": start.isoformat(), "to": end.isoformat()},
            request=request,
        )
        lines = (
            json.dumps(statement, ensure_ascii=False) + "\n"
            for statement in statements_between(start, end)
        )
        response = StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="xapi-{start:%Y%m%d}-{end:%Y%m%d}.ndjson"'
        )
        return response
    return render(
        request,
        "lms/certificates/xapi_export.html",
        {"form": form},
        status=400 if request.GET else 200,
    )
