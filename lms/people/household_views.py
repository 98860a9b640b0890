"""Staff pages for households: the households of the villages in the staff
member's area, starting one, and adding or taking out members. Every read
starts from the scoped querysets in ``selectors``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.access.decorators import staff_required
from lms.access.policy import Action, households_for, learners_for, villages_for
from lms.access.selectors import (
    household_member_candidates,
)
from lms.chosen import posted_ids
from lms.models import AuditAction
from lms.people import services
from lms.people.forms import StaffHouseholdForm
from lms.people.services import households as household_services

PAGE_SIZE = 50
CANDIDATES_SHOWN = 50


def _households(request):
    households = households_for(request.user).select_related("village")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        households = households.filter(name__icontains=query)
    village = request.GET.get("village", "")
    if village.isdigit():
        households = households.filter(village_id=int(village))
    households = households.annotate(member_count=Count("members")).order_by(
        "village__path", "name", "pk"
    )
    return households, query, village


@never_cache
@staff_required
def household_list(request):
    villages = villages_for(request.user).order_by("path")
    form = StaffHouseholdForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        try:
            household = household_services.household_create_by_staff(
                created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The household “%(name)s” is created. Its code is %(code)s.")
                % {"name": household.name, "code": household.code},
            )
            return redirect("lms:staff_household_detail", pk=household.pk)
    households, query, village = _households(request)
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("page"))
    services.audit_record(
        actor=request.user,
        action=AuditAction.VIEW_LIST,
        detail={"list": "households", "q": query, "village": village, "page": page.number},
        request=request,
    )
    return render(
        request,
        "lms/staff/households.html",
        {
            "form": form,
            "page_obj": page,
            "query": query,
            "village": village,
            "villages": villages,
            "query_string": urlencode({"q": query, "village": village}),
        },
    )


def _scoped_household(request, pk: int):
    return get_object_or_404(households_for(request.user).select_related("village"), pk=pk)


@never_cache
@staff_required
def household_detail(request, pk: int):
    household = _scoped_household(request, pk)
    query = request.GET.get("q", "").strip()[:100]
    members = list(learners_for(request.user).filter(household=household).sorted_by_given_name())
    candidates = list(
        household_member_candidates(user=request.user, household=household, query=query)[
            : CANDIDATES_SHOWN + 1
        ]
    )
    services.audit_record(
        actor=request.user,
        action=AuditAction.VIEW_LIST,
        detail={"household": household.pk, "q": query},
        request=request,
    )
    return render(
        request,
        "lms/staff/household_detail.html",
        {
            "household": household,
            "members": members,
            "query": query,
            "candidates": candidates[:CANDIDATES_SHOWN],
            "more": len(candidates) > CANDIDATES_SHOWN,
        },
    )


@never_cache
@require_POST
@staff_required
def household_members_add(request, pk: int):
    household = _scoped_household(request, pk)
    try:
        learner_ids = posted_ids(
            request.POST,
            "learner",
            digits_only=True,
            refusal=_(
                "Some of the chosen learners cannot join this household. Nothing was changed."
            ),
        )
        added = household_services.household_members_add(
            household=household, learner_ids=learner_ids, added_by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)s learner added to the household.",
                    "%(count)s learners added to the household.",
                    added,
                )
                % {"count": added},
            )
        else:
            messages.warning(request, _("Tick the learners to add first."))
    url = reverse("lms:staff_household_detail", args=[household.pk])
    query = request.GET.get("q", "").strip()[:100]
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


@never_cache
@require_POST
@staff_required
def household_member_remove(request, pk: int, learner_pk: int):
    household = _scoped_household(request, pk)
    learner = get_object_or_404(
        learners_for(request.user, Action.CHANGE).filter(household=household), pk=learner_pk
    )
    household_services.household_member_remove(
        household=household, learner=learner, removed_by=request.user
    )
    messages.success(
        request,
        _("%(name)s is no longer in this household.") % {"name": learner.full_name},
    )
    return redirect("lms:staff_household_detail", pk=household.pk)
