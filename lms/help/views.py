"""Pages of the help room: thin views over lms.help.selectors (reads) and
lms.help.services (writes). Anyone finds their village's helpers and asks
for help; helpers answer on staff pages. A request outside the viewer's
villages is a 404, never a 403, so its existence does not leak."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.access.audit import audit_record
from lms.access.decorators import help_staff_required, staff_required
from lms.access.policy import help_requests_for
from lms.access.selectors import staff_accounts_for
from lms.help import services
from lms.help.forms import HelpCloseForm, HelpRequestForm, VillageChooserForm, VillageHelperForm
from lms.help.selectors import (
    can_handle,
    help_request_list_for,
    helper_villages_for,
    managed_helpers_for,
    own_help_requests,
    site_villages,
    village_helpers,
)
from lms.models import AuditAction, HelpRequest, HelpStatus, PhoneNumber
from lms.people.selectors import learner_for
from lms.phones import display_phone

SENT_SESSION_KEY = "lms_help_request_sent"
RATE_LIMIT_ACTION = "help_request"


def _chosen_village(request, villages):
    form = VillageChooserForm(request.GET or None, villages=villages)
    if request.GET.get("thon") and form.is_valid():
        return form, form.cleaned_data["thon"]
    return form, None


def help_home(request):
    """The helpers of a village: a learner's own by default, or the one a
    visitor chooses from this site's villages."""
    villages = site_villages()
    learner = learner_for(request.user, related=("village",))
    form, village = _chosen_village(request, villages)
    if village is None and learner is not None and not request.GET.get("thon"):
        village = learner.village
        form = VillageChooserForm(initial={"thon": village.pk}, villages=villages)
    return render(
        request,
        "lms/help/home.html",
        {
            "form": form,
            "village": village,
            "helpers": list(village_helpers(village)) if village else [],
            "own_requests": own_help_requests(request.user),
        },
    )


@never_cache
def help_ask(request):
    """Ask for help: no account needed. Someone not signed in leaves a phone
    number, and may send only a few requests an hour."""
    villages = site_villages()
    learner = learner_for(request.user, related=("village",))
    signed_in = request.user.is_authenticated
    initial = {}
    if learner is not None:
        initial["village"] = learner.village_id
        initial["name"] = learner.full_name
    if signed_in:
        number = PhoneNumber.objects.filter(user=request.user).values_list("number", flat=True)
        if number:
            initial["phone"] = display_phone(number[0])
        if "name" not in initial:
            initial["name"] = request.user.get_full_name()
    _form, chosen = _chosen_village(request, villages)
    if chosen is not None:
        initial["village"] = chosen.pk
    form = HelpRequestForm(
        request.POST or None, initial=initial, villages=villages, phone_required=not signed_in
    )
    if request.method == "POST" and form.is_valid():
        if not signed_in and not ratelimit.consume(request, action=RATE_LIMIT_ACTION):
            return render(request, "lms/help/too_many.html", status=429)
        try:
            help_request = services.help_request_create(
                user=request.user, learner=learner, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SENT_SESSION_KEY] = help_request.pk
            return redirect("lms:help_sent")
    return render(request, "lms/help/ask.html", {"form": form})


@never_cache
def help_sent(request):
    """What happens next, after asking (the request is remembered in the session)."""
    pk = request.session.get(SENT_SESSION_KEY)
    help_request = (
        HelpRequest.objects.select_related("village").filter(pk=pk).first() if pk else None
    )
    if help_request is None:
        return redirect("lms:help_home")
    return render(
        request,
        "lms/help/sent.html",
        {"help_request": help_request, "helpers": list(village_helpers(help_request.village))},
    )


# --- Staff: requests ---------------------------------------------------------------


@never_cache
@help_staff_required
def help_requests(request):
    status = request.GET.get("trang-thai", "")
    requests = help_request_list_for(request.user, status)[:200]
    audit_record(actor=request.user, action=AuditAction.VIEW_HELP_REQUESTS, request=request)
    return render(
        request,
        "lms/help/staff_requests.html",
        {
            "help_requests": requests,
            "status": status,
            "statuses": HelpStatus.choices,
            "can_keep_helpers": helper_villages_for(request.user).exists(),
        },
    )


def _visible_request(request, pk: int) -> HelpRequest:
    return get_object_or_404(
        help_requests_for(request.user).select_related("village", "taken_by", "learner"), pk=pk
    )


def _detail(request, help_request: HelpRequest, close_form=None, status=200):
    handles = can_handle(request.user, help_request)
    can_log = handles and services.may_log_help(request.user, help_request)
    if close_form is None:
        close_form = HelpCloseForm(can_log=can_log)
    return render(
        request,
        "lms/help/staff_request_detail.html",
        {
            "help_request": help_request,
            "handles": handles,
            "close_form": close_form,
            "mine": help_request.taken_by_id == request.user.pk,
            "can_keep_helpers": helper_villages_for(request.user).exists(),
        },
        status=status,
    )


@never_cache
@help_staff_required
def help_request_detail(request, pk: int):
    help_request = _visible_request(request, pk)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW_HELP_REQUESTS,
        learner_id=help_request.learner_id,
        detail={"help_request": help_request.pk},
        request=request,
    )
    return _detail(request, help_request)


def _handled_request(request, pk: int) -> HelpRequest:
    help_request = _visible_request(request, pk)  # 404 outside the viewer's villages
    if not can_handle(request.user, help_request):
        raise PermissionDenied  # a manager sees the request; its helpers answer it
    return help_request


@require_POST
@help_staff_required
def help_request_take(request, pk: int):
    help_request = _handled_request(request, pk)
    try:
        services.help_request_take(helper=request.user, help_request_id=pk, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You took this request. Call the person back soon."))
    return redirect("lms:help_request_detail", pk=help_request.pk)


@require_POST
@help_staff_required
def help_request_close(request, pk: int):
    help_request = _handled_request(request, pk)
    form = HelpCloseForm(request.POST, can_log=services.may_log_help(request.user, help_request))
    if form.is_valid():
        try:
            services.help_request_close(
                helper=request.user,
                help_request_id=pk,
                outcome=form.cleaned_data["outcome"],
                log_help=form.cleaned_data.get("log_help", False),
                request=request,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error.messages)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("lms:help_request_detail", pk=pk)
        else:
            messages.success(request, _("The request is closed. Thank you for helping."))
            return redirect("lms:help_requests")
    return _detail(request, help_request, close_form=form, status=400)


# --- Staff: helpers (managers over the village) ------------------------------------


def _manager_only(request):
    if not helper_villages_for(request.user).exists():
        raise PermissionDenied


@never_cache
@staff_required
def helpers(request):
    _manager_only(request)
    return render(
        request,
        "lms/help/staff_helpers.html",
        {
            "helpers": managed_helpers_for(request.user).order_by("village__path", "sort_order"),
            "can_keep_helpers": True,
        },
    )


def _helper_form(request, helper=None):
    initial = None
    if helper is not None:
        initial = {
            "village": helper.village_id,
            "name": helper.name,
            "role": helper.role,
            "phone": helper.phone_display,
            "zalo": helper.zalo_display,
            "hours": helper.hours,
            "user": helper.user_id,
            "active": helper.active,
            "sort_order": helper.sort_order,
        }
    form = VillageHelperForm(
        request.POST or None,
        initial=initial,
        villages=helper_villages_for(request.user),
        accounts=staff_accounts_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.village_helper_save(
                by=request.user, values=form.cleaned_data, helper=helper, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The helper is saved."))
            return None, redirect("lms:helpers")
    return form, None


@never_cache
@staff_required
def helper_add(request):
    _manager_only(request)
    form, done = _helper_form(request)
    if done:
        return done
    return render(
        request,
        "lms/help/staff_helper_form.html",
        {"form": form, "helper": None, "can_keep_helpers": True},
    )


@never_cache
@staff_required
def helper_edit(request, pk: int):
    helper = get_object_or_404(managed_helpers_for(request.user), pk=pk)
    form, done = _helper_form(request, helper)
    if done:
        return done
    return render(
        request,
        "lms/help/staff_helper_form.html",
        {"form": form, "helper": helper, "can_keep_helpers": True},
    )
