"""Thin views: forms in, services for writes, scoped selectors for reads."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.access.decorators import staff_required
from lms.access.policy import learners_for, villages_for
from lms.access.selectors import is_staff_member
from lms.csv_export import streamed_csv
from lms.models import AuditAction, Learner, SignInToken
from lms.people import services
from lms.people.forms import (
    AssistedRegistrationForm,
    DeleteAccountForm,
    HouseholdJoinForm,
    ProfileForm,
    SignupProfileForm,
)
from lms.people.selectors import learner_for
from lms.people.services import households as household_services
from lms.people.services.cards import sign_in_card_lookup
from lms.phones import display_phone
from lms.qr import qr_svg

PAGE_SIZE = 50


#: What the learner's own pages show of their profile, fetched with it.
OWN_PROFILE_RELATED = ("village", "household", "household__village")


# --- Learner pages ---------------------------------------------------------------


@never_cache
@login_required
def profile(request):
    learner = learner_for(request.user, related=OWN_PROFILE_RELATED)
    if learner is None:
        form = SignupProfileForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            form.signup(request, request.user)
            messages.success(request, _("Your profile is saved."))
            return redirect("lms:profile")
        return render(request, "lms/profile_create.html", {"form": form})
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.learner_update(learner=learner, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("lms:profile")
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(learner))
    return render(request, "lms/profile.html", {"form": form, "learner": learner})


@never_cache
@login_required
def household(request):
    learner = learner_for(request.user, related=OWN_PROFILE_RELATED)
    if learner is None:
        return redirect("lms:profile")
    form = HouseholdJoinForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "join":
            form = HouseholdJoinForm(request.POST)
            if form.is_valid():
                try:
                    services.household_join(learner=learner, code=form.cleaned_data["code"])
                except ValidationError as error:
                    form.add_error("code", error)
                else:
                    messages.success(request, _("You have joined the household."))
                    return redirect("lms:household")
        elif action == "create" and learner.household_id is None:
            household_services.household_create_by_learner(learner=learner, created_by=request.user)
            messages.success(
                request, _("Your household is created. Share its code with your family.")
            )
            return redirect("lms:household")
        elif action == "leave" and learner.household_id:
            household_services.household_leave(learner=learner)
            messages.success(request, _("You have left the household."))
            return redirect("lms:household")
    members = (
        learner.household.members.order_by("sort_name").values_list("full_name", flat=True)
        if learner.household
        else []
    )
    return render(
        request,
        "lms/household.html",
        {"learner": learner, "form": form, "members": list(members)},
    )


@never_cache
@login_required
def my_data(request):
    if request.method == "POST":
        data = services.account_export(user=request.user, request=request)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="hocvuso-du-lieu-cua-toi.json"'
        return response
    return render(request, "lms/my_data.html")


@never_cache
@login_required
def delete_account(request):
    if is_staff_member(request.user):
        messages.error(request, _("Staff accounts are closed by an administrator."))
        return redirect("lms:my_data")
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account and personal data have been erased."))
        return redirect("/")
    return render(request, "lms/delete_account.html", {"form": form})


# --- Sign-in card (QR) -----------------------------------------------------------


@never_cache
def card_sign_in(request, token: str):
    """GET shows a button, POST spends the token: link previewers and
    prefetchers only ever GET, so they cannot use up a card."""
    if request.method == "POST":
        user = services.sign_in_card_use(token=token)
        if user is None or is_staff_member(user):
            return render(request, "lms/card_sign_in.html", {"invalid": True}, status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! You are signed in."))
        return redirect("lms:profile")
    card = sign_in_card_lookup(token)
    return render(
        request, "lms/card_sign_in.html", {"invalid": card is None}, status=200 if card else 410
    )


# --- Staff pages ------------------------------------------------------------------


def _filtered_learners(request):
    """The one queryset behind the staff list and its export, so they match."""
    learners = learners_for(request.user).select_related("village", "household")
    query = request.GET.get("q", "").strip()
    learners = learners.matching_name(query)
    village = request.GET.get("village", "")
    if village.isdigit():
        learners = learners.filter(village_id=int(village))
    return learners.sorted_by_given_name(), query, village


@never_cache
@staff_required
def staff_learners(request):
    learners, query, village = _filtered_learners(request)
    page = Paginator(learners, PAGE_SIZE).get_page(request.GET.get("page"))
    services.audit_record(
        actor=request.user,
        action=AuditAction.VIEW_LIST,
        detail={"q": query, "village": village, "page": page.number, "shown": len(page)},
        request=request,
    )
    return render(
        request,
        "lms/staff/learners.html",
        {
            "page_obj": page,
            "query": query,
            "village": village,
            "villages": villages_for(request.user).order_by("path"),
            "query_string": urlencode({"q": query, "village": village}),
        },
    )


@never_cache
@staff_required
def staff_learners_export(request):
    learners, query, village = _filtered_learners(request)
    # Fetched whole (as prefetching the target groups does anyway), so the
    # audit entry counts the rows before the file streams out.
    learners = list(learners.prefetch_related("target_groups"))
    services.audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        detail={"q": query, "village": village, "rows": len(learners)},
        request=request,
    )
    header = [
        pgettext("export header", "Full name"),
        pgettext("export header", "Year of birth"),
        pgettext("export header", "Gender"),
        pgettext("export header", "Village"),
        pgettext("export header", "Household"),
        pgettext("export header", "Target groups"),
        pgettext("export header", "Digital identity"),
        pgettext("export header", "Confirmed"),
    ]
    return streamed_csv(header, map(_export_row, learners), filename="nguoi-hoc.csv")


def _export_row(learner: Learner) -> list:
    return [
        learner.full_name,
        learner.year_of_birth or "",
        learner.get_gender_display(),
        learner.village.name,
        learner.household.name if learner.household else "",
        "; ".join(g.name for g in learner.target_groups.all()),
        learner.get_digital_id_status_display(),
        timezone.localtime(learner.digital_id_confirmed_at).strftime("%d/%m/%Y")
        if learner.digital_id_confirmed_at
        else "",
    ]


def _scoped_learner(request, pk: int) -> Learner:
    return get_object_or_404(
        learners_for(request.user).select_related(
            "village", "household", "user", "digital_id_confirmed_by", "registered_by"
        ),
        pk=pk,
    )


@never_cache
@staff_required
def staff_learner_detail(request, pk: int):
    learner = _scoped_learner(request, pk)
    services.audit_record(
        actor=request.user, action=AuditAction.VIEW_LEARNER, learner_id=learner.pk, request=request
    )
    phone = getattr(learner.user, "phone_number", None)
    return render(
        request,
        "lms/staff/learner_detail.html",
        {
            "learner": learner,
            "phone": display_phone(phone.number) if phone else "",
            "consents": learner.consents.all(),
            "target_groups": learner.target_groups.all(),
            "cards": SignInToken.objects.filter(learner=learner).usable(),
            "digital_id_history": services.digital_id_history(learner),
        },
    )


@never_cache
@staff_required
def staff_register(request):
    villages = villages_for(request.user).order_by("path")
    event_id = request.POST.get("event") or request.GET.get("event") or ""
    event_id = int(event_id) if event_id.isdigit() else None
    form = AssistedRegistrationForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        try:
            learner = services.learner_register_assisted(
                registered_by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered. Print a sign-in card for them below.")
                % {"name": learner.full_name},
            )
            if event_id:  # a newcomer at an event's door: back there to check them in
                door = reverse("lms:event_door", args=[event_id])
                return redirect(f"{door}?{urlencode({'q': learner.full_name})}")
            return redirect("lms:staff_learner_detail", pk=learner.pk)
    return render(request, "lms/staff/register.html", {"form": form, "event_id": event_id})


@never_cache
@require_POST
@staff_required
def staff_card(request, pk: int):
    learner = _scoped_learner(request, pk)
    if is_staff_member(learner.user):
        raise PermissionDenied
    card, token = services.sign_in_card_create(
        learner=learner, created_by=request.user, request=request
    )
    url = request.build_absolute_uri(reverse("lms:card_sign_in", args=[token]))
    return render(
        request,
        "lms/staff/card.html",
        {"learner": learner, "card": card, "qr_svg": qr_svg(url, box_size=12), "url": url},
    )


@never_cache
@require_POST
@staff_required
def staff_card_revoke(request, pk: int):
    learner = _scoped_learner(request, pk)
    count = services.sign_in_card_revoke_all(
        learner=learner, revoked_by=request.user, request=request
    )
    messages.success(
        request,
        _("Sign-in cards revoked: %(count)s.") % {"count": count},
    )
    return redirect("lms:staff_learner_detail", pk=learner.pk)


@never_cache
@require_POST
@staff_required
def staff_confirm_digital_id(request, pk: int):
    learner = _scoped_learner(request, pk)
    try:
        services.learner_confirm_digital_id(
            learner=learner, confirmed_by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Digital identity confirmed on %(date)s.")
            % {"date": timezone.localdate().strftime("%d/%m/%Y")},
        )
    return redirect("lms:staff_learner_detail", pk=learner.pk)
