"""National courses: the tracking redirect, learners' certificate claims, the
trainer's verification queue and the private file download. Thin views: forms
and services do the work, scoped querysets decide who sees what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from courses.models import NationalCourse
from courses.validators import validate_national_course_url
from lms.access.decorators import staff_required
from lms.access.policy import Action, claims_for
from lms.models import AuditAction
from lms.models.national import (
    CertificateClaim,
    CertificateClaimLog,
    ClaimStatus,
    FileState,
    NationalCourseVisit,
)
from lms.national import services as national_services
from lms.national.forms import CertificateClaimForm, ClaimDecisionForm, ClaimResubmitForm
from lms.national.storage import private_storage
from lms.national.uploads import CONTENT_TYPES, SizeLimitedUploadHandler
from lms.people.selectors import learner_for
from lms.people.services import audit_record

PAGE_SIZE = 30


# --- The tracking redirect ------------------------------------------------------------


@never_cache
def national_course_go(request, pk: int):
    """Send a visitor to a national course, counting the visit of a signed-in
    learner. The target is only ever the catalogued URL, checked again
    against the allowed hosts; nothing in the request can change it."""
    course = get_object_or_404(NationalCourse, pk=pk)
    if not course.active or not _url_still_allowed(course.url):
        return render(request, "lms/national/course_closed.html", {"course": course}, status=410)
    learner = learner_for(request.user)
    if learner is not None:
        national_services.national_course_visit_record(learner=learner, course=course)
    return HttpResponseRedirect(course.url)


def _url_still_allowed(url: str) -> bool:
    """The allowed hosts may have changed since the editor saved the URL."""
    try:
        validate_national_course_url(url)
    except ValidationError:
        return False
    return True


# --- Learners' claims -----------------------------------------------------------------


def _with_upload_limit(view):
    """Counts the upload's bytes as they arrive (see SizeLimitedUploadHandler);
    the handler must be in place before CSRF protection reads the body."""
    protected = csrf_protect(view)

    @csrf_exempt
    def wrapper(request, *args, **kwargs):
        request.upload_handlers.insert(0, SizeLimitedUploadHandler(request))
        return protected(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@never_cache
@login_required
def my_claims(request):
    learner = learner_for(request.user)
    if learner is None:
        return redirect("lms:profile")
    claims = list(
        CertificateClaim.objects.filter(learner=learner)
        .select_related("course")
        .order_by("-submitted_at")
    )
    claimed = {claim.course_id for claim in claims}
    visits = [
        visit
        for visit in NationalCourseVisit.objects.filter(
            learner=learner, course__active=True, course__issues_certificate=True
        ).select_related("course")
        if visit.course_id not in claimed
    ]
    return render(request, "lms/national/my_claims.html", {"claims": claims, "visits": visits})


@never_cache
@login_required
@_with_upload_limit
def claim_create(request):
    learner = learner_for(request.user)
    if learner is None:
        return redirect("lms:profile")
    if request.method == "POST":
        form = CertificateClaimForm(
            request.POST,
            request.FILES,
            oversized_uploads=getattr(request, "oversized_uploads", ()),
        )
        if form.is_valid():
            course = form.cleaned_data["course"]
            existing = CertificateClaim.objects.filter(learner=learner, course=course).first()
            if existing is not None:
                messages.info(request, _("You have already sent a certificate for this course."))
                return redirect("lms:claim_detail", existing.pk)
            try:
                claim = national_services.certificate_claim_submit(
                    learner=learner,
                    course=course,
                    certificate_number=form.cleaned_data["certificate_number"],
                    issued_on=form.cleaned_data["issued_on"],
                    notes=form.cleaned_data["notes"],
                    file=form.checked_file,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Thank you. A trainer will check your certificate soon.")
                )
                return redirect("lms:claim_detail", claim.pk)
    else:
        initial = {}
        course_pk = request.GET.get("course", "")
        if course_pk.isdigit():
            initial["course"] = int(course_pk)
        form = CertificateClaimForm(initial=initial)
    return render(request, "lms/national/claim_form.html", {"form": form})


def _own_claim_or_404(request, pk: int) -> CertificateClaim:
    return get_object_or_404(
        CertificateClaim.objects.owned_by(request.user).select_related("course"), pk=pk
    )


@never_cache
@login_required
@_with_upload_limit
def claim_detail(request, pk: int):
    """The learner's own claim: status, the trainer's message and, when it was
    sent back, the form to correct it. Anyone else gets a 404."""
    claim = _own_claim_or_404(request, pk)
    form = None
    if claim.can_resubmit:
        if request.method == "POST":
            form = ClaimResubmitForm(
                request.POST,
                request.FILES,
                oversized_uploads=getattr(request, "oversized_uploads", ()),
            )
            if form.is_valid():
                try:
                    national_services.certificate_claim_resubmit(
                        claim=claim,
                        user=request.user,
                        certificate_number=form.cleaned_data["certificate_number"],
                        issued_on=form.cleaned_data["issued_on"],
                        notes=form.cleaned_data["notes"],
                        file=form.checked_file,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Sent again. A trainer will check it soon."))
                    return redirect("lms:claim_detail", claim.pk)
        else:
            form = ClaimResubmitForm(
                initial={
                    "certificate_number": claim.certificate_number,
                    "issued_on": claim.issued_on,
                    "notes": claim.notes,
                }
            )
    elif request.method == "POST":
        messages.info(request, _("This claim is waiting for a trainer or already verified."))
        return redirect("lms:claim_detail", claim.pk)
    log = claim.log.order_by("created_at", "pk")
    return render(
        request, "lms/national/claim_detail.html", {"claim": claim, "form": form, "log": log}
    )


# --- The private file -----------------------------------------------------------------


def _file_response(claim: CertificateClaim, *, thumbnail: bool) -> FileResponse:
    name = claim.thumbnail_name if thumbnail else claim.file_name
    if not name or claim.file_state != FileState.READY:
        raise Http404
    try:
        handle = private_storage().open(name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = CONTENT_TYPES[claim.file_kind] if claim.is_pdf else "image/jpeg"
    extension = "pdf" if claim.is_pdf else "jpg"
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=claim.is_pdf,
        filename=f"chung-nhan-{claim.pk}{'-nho' if thumbnail else ''}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@login_required
def claim_file(request, pk: int, variant: str = "file"):
    """A claim's photo (or its thumbnail) or PDF, for its owner and for staff
    in scope only; everyone else gets a 404. Staff downloads are logged.
    Staff reach it only after two-step sign-in (see StaffTwoFactorMiddleware)."""
    claim = get_object_or_404(claims_for(request.user, Action.VIEW), pk=pk)
    response = _file_response(claim, thumbnail=variant == "thumb")
    if claim.learner.user_id != request.user.pk:
        audit_record(
            actor=request.user,
            action=AuditAction.DOWNLOAD_FILE,
            learner_id=claim.learner_id,
            detail={"certificate_claim": claim.pk, "variant": variant},
            request=request,
        )
    return response


claim_file.lms_staff_view = True


# --- The trainer's queue --------------------------------------------------------------


QUEUE_FILTERS = {
    "waiting": [ClaimStatus.SUBMITTED],
    "more_info": [ClaimStatus.MORE_INFO],
    "approved": [ClaimStatus.APPROVED],
    "rejected": [ClaimStatus.REJECTED],
}


@never_cache
@staff_required
def staff_claims(request):
    """The verification queue: claims of learners in the trainer's scope,
    oldest first, flagged when another learner claimed the same number or
    the same file."""
    show = request.GET.get("show", "waiting")
    if show not in QUEUE_FILTERS:
        show = "waiting"
    claims = (
        claims_for(request.user, Action.REVIEW)
        .filter(status__in=QUEUE_FILTERS[show])
        .with_duplicate_flags()
        .select_related("learner", "learner__village", "course")
        .order_by("submitted_at", "pk")
    )
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW_LIST,
        detail={"list": "certificate_claims", "show": show, "page": page.number},
        request=request,
    )
    return render(
        request,
        "lms/national/staff_claims.html",
        {
            "page_obj": page,
            "show": show,
            "filters": [
                ("waiting", _("Waiting")),
                ("more_info", _("More information asked")),
                ("approved", _("Verified")),
                ("rejected", _("Not accepted")),
            ],
            "query_string": f"show={show}",
        },
    )


def _duplicates_of(claim: CertificateClaim, user):
    """Other learners' claims with the same number (same course) or the same
    file, named only when the reviewer may see them."""
    same = Q(course=claim.course_id, number_key=claim.number_key) | Q(file_sha256=claim.file_sha256)
    others = (
        CertificateClaim.objects.exclude(learner=claim.learner_id)
        .filter(same)
        .select_related("learner", "course")
        .order_by("submitted_at")
    )
    visible = set(
        claims_for(user, Action.REVIEW)
        .filter(pk__in=[o.pk for o in others])
        .values_list("pk", flat=True)
    )
    return [
        {
            "claim": other,
            "visible": other.pk in visible,
            "same_number": other.course_id == claim.course_id
            and other.number_key == claim.number_key,
            "same_file": other.file_sha256 == claim.file_sha256,
        }
        for other in others
    ]


@never_cache
@staff_required
def staff_claim_detail(request, pk: int):
    """One claim beside its file, its history and any duplicates, with the
    decision form. Viewing it is logged (it shows personal data)."""
    claim = get_object_or_404(
        claims_for(request.user, Action.REVIEW)
        .select_related("learner", "learner__village", "course", "decided_by")
        .prefetch_related(
            Prefetch("log", queryset=CertificateClaimLog.objects.order_by("created_at", "pk"))
        ),
        pk=pk,
    )
    form = ClaimDecisionForm()
    if request.method == "POST":
        form = ClaimDecisionForm(request.POST)
        if form.is_valid():
            try:
                national_services.certificate_claim_decide(
                    claim_id=claim.pk,
                    reviewer=request.user,
                    decision=form.cleaned_data["decision"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied as error:  # pragma: no cover - scope changed meanwhile
                raise Http404 from error
            else:
                messages.success(request, _("Decision saved. The learner will be told."))
                return redirect("lms:staff_claims")
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW_LEARNER,
        learner_id=claim.learner_id,
        detail={"certificate_claim": claim.pk},
        request=request,
    )
    return render(
        request,
        "lms/national/staff_claim_detail.html",
        {"claim": claim, "form": form, "duplicates": _duplicates_of(claim, request.user)},
    )
