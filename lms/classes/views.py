"""Trainer pages for classes: thin views over lms.classes.selectors (reads)
and lms.classes.services (writes). A class outside the viewer's scope is a
404, never a 403, so its existence does not leak."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.access.decorators import class_staff_required
from lms.access.policy import Action, classes_for, learners_for
from lms.chosen import posted_ids
from lms.classes import services as class_services
from lms.classes.forms import AmbassadorHelpForm, ClassSessionForm, TrainingClassForm
from lms.classes.help_log import OUT_OF_SCOPE, ambassador_help_record
from lms.classes.selectors import (
    class_learner_candidates,
    class_learners,
    class_list_for,
    class_places_for,
    session_attendance_rows,
    trainer_candidates_for,
)
from lms.models.classes import ClassSession, TrainingClass
from lms.models.help_log import AmbassadorHelp

CANDIDATES_SHOWN = 50


def _visible_class(request, pk: int) -> TrainingClass:
    return get_object_or_404(classes_for(request.user).select_related("place"), pk=pk)


def _managed_class(request, pk: int) -> TrainingClass:
    _visible_class(request, pk)  # 404 outside scope; 403 only for a class one may see
    training_class = classes_for(request.user, Action.CHANGE).filter(pk=pk).first()
    if training_class is None:
        raise PermissionDenied
    return training_class


def _session(request, pk: int, session_pk: int) -> ClassSession:
    training_class = _visible_class(request, pk)
    session = get_object_or_404(ClassSession, pk=session_pk, training_class=training_class)
    session.training_class = training_class
    return session


def _class_form(request, data=None, training_class=None) -> TrainingClassForm:
    initial = None
    if training_class is not None:
        initial = {
            "name": training_class.name,
            "place": training_class.place_id,
            "courses": list(training_class.courses.values_list("pk", flat=True)),
            "trainers": list(training_class.trainers.values_list("pk", flat=True)),
            "notes": training_class.notes,
        }
    return TrainingClassForm(
        data,
        initial=initial,
        places=class_places_for(request.user).order_by("path"),
        trainers=trainer_candidates_for(request.user),
    )


def _form_values(form: TrainingClassForm) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "place": data["place"],
        "notes": data["notes"],
        "courses": data["courses"],
        "trainers": data["trainers"],
        "extra_trainers": [data["trainer_email"]] if data.get("trainer_email") else [],
    }


@never_cache
@class_staff_required
def class_list(request):
    return render(
        request,
        "lms/classes/list.html",
        {
            "classes": class_list_for(request.user),
            "can_create": class_places_for(request.user).exists(),
        },
    )


@never_cache
@class_staff_required
def class_create(request):
    form = _class_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training_class = class_services.training_class_create(
                created_by=request.user, **_form_values(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The class is created. Now add its learners."))
            return redirect("lms:class_learners_add", pk=training_class.pk)
    return render(request, "lms/classes/form.html", {"form": form, "training_class": None})


@never_cache
@class_staff_required
def class_edit(request, pk: int):
    training_class = _managed_class(request, pk)
    form = _class_form(request, request.POST or None, training_class)
    if request.method == "POST" and form.is_valid():
        try:
            class_services.training_class_update(
                training_class=training_class, updated_by=request.user, **_form_values(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The class is saved."))
            return redirect("lms:class_detail", pk=training_class.pk)
    return render(
        request, "lms/classes/form.html", {"form": form, "training_class": training_class}
    )


@never_cache
@class_staff_required
def class_detail(request, pk: int):
    training_class = _visible_class(request, pk)
    can_manage = classes_for(request.user, Action.CHANGE).filter(pk=pk).exists()
    return render(
        request,
        "lms/classes/detail.html",
        {
            "training_class": training_class,
            "can_manage": can_manage,
            "learners": class_learners(training_class),
            "trainers": training_class.trainers.order_by("last_name", "first_name"),
            "courses": training_class.courses.order_by("path"),
            "sessions": training_class.sessions.order_by("-date", "-pk"),
            "session_form": ClassSessionForm(),
        },
    )


@never_cache
@class_staff_required
def class_learners_add(request, pk: int):
    training_class = _managed_class(request, pk)
    query = request.GET.get("q", "").strip()[:100]
    if request.method == "POST":
        try:
            added = class_services.class_learners_add(
                training_class=training_class,
                learner_ids=posted_ids(request.POST, "learner"),
                added_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if added:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s learner added to the class.",
                        "%(count)s learners added to the class.",
                        added,
                    )
                    % {"count": added},
                )
            else:
                messages.warning(request, _("Tick the learners to add first."))
        url = reverse("lms:class_learners_add", args=[pk])
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
    candidates = class_learner_candidates(
        user=request.user, training_class=training_class, query=query
    )
    shown = list(candidates[: CANDIDATES_SHOWN + 1])
    return render(
        request,
        "lms/classes/learners_add.html",
        {
            "training_class": training_class,
            "query": query,
            "candidates": shown[:CANDIDATES_SHOWN],
            "more": len(shown) > CANDIDATES_SHOWN,
        },
    )


@never_cache
@require_POST
@class_staff_required
def class_learner_remove(request, pk: int, learner_pk: int):
    training_class = _managed_class(request, pk)
    learner = get_object_or_404(training_class.learners, pk=learner_pk)
    class_services.class_learner_remove(
        training_class=training_class, learner=learner, removed_by=request.user
    )
    messages.success(
        request, _("%(name)s is no longer in this class.") % {"name": learner.full_name}
    )
    return redirect("lms:class_detail", pk=pk)


@never_cache
@require_POST
@class_staff_required
def session_create(request, pk: int):
    training_class = _visible_class(request, pk)
    form = ClassSessionForm(request.POST)
    if form.is_valid():
        try:
            session = class_services.class_session_create(
                training_class=training_class, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("date", error)
        else:
            messages.success(request, _("The session is added. Take attendance now."))
            return redirect("lms:session_attendance", pk=pk, session_pk=session.pk)
    return render(
        request,
        "lms/classes/detail.html",
        {
            "training_class": training_class,
            "can_manage": classes_for(request.user, Action.CHANGE).filter(pk=pk).exists(),
            "learners": class_learners(training_class),
            "trainers": training_class.trainers.order_by("last_name", "first_name"),
            "courses": training_class.courses.order_by("path"),
            "sessions": training_class.sessions.order_by("-date", "-pk"),
            "session_form": form,
        },
        status=400,
    )


@never_cache
@class_staff_required
def session_attendance(request, pk: int, session_pk: int):
    """One page per session: a name filter (a GET form without JavaScript,
    instant with it), a big tick per learner and one Save."""
    session = _session(request, pk, session_pk)
    query = request.GET.get("q", "").strip()[:100]
    if request.method == "POST":
        query = request.POST.get("q", "").strip()[:100]
        try:
            saved = class_services.attendance_save(
                session=session,
                shown_ids=posted_ids(request.POST, "learner"),
                present_ids=posted_ids(request.POST, "present"),
                recorded_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Attendance saved: %(present)s present, %(absent)s absent.")
                % {"present": saved.present, "absent": saved.absent},
            )
        url = reverse("lms:session_attendance", args=[pk, session_pk])
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
    rows = session_attendance_rows(session, query)
    return render(
        request,
        "lms/classes/attendance.html",
        {
            "session": session,
            "training_class": session.training_class,
            "rows": rows,
            "query": query,
            "present_count": sum(1 for row in rows if row["is_present"]),
        },
    )


@never_cache
@class_staff_required
def session_lessons(request, pk: int, session_pk: int):
    """Record that the class completed lessons together: learning events for
    everyone marked present."""
    session = _session(request, pk, session_pk)
    if request.method == "POST":
        try:
            count = class_services.class_lessons_record(
                session=session,
                lesson_ids=posted_ids(request.POST, "lesson"),
                recorded_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("lms:session_lessons", pk=pk, session_pk=session_pk)
        messages.success(
            request,
            ngettext(
                "Recorded: %(count)s lesson completion.",
                "Recorded: %(count)s lesson completions.",
                count,
            )
            % {"count": count},
        )
        return redirect("lms:class_detail", pk=pk)
    done = set(session.lessons_completed.values_list("pk", flat=True))
    courses = {course.path: course for course in session.training_class.courses.order_by("path")}
    groups: dict[int, tuple] = {}
    for lesson in class_services.class_lessons(session.training_class):
        course = courses.get(lesson.path[: -lesson.steplen])
        if course is not None:
            groups.setdefault(course.pk, (course, []))[1].append((lesson, lesson.pk in done))
    return render(
        request,
        "lms/classes/lessons.html",
        {
            "session": session,
            "training_class": session.training_class,
            "groups": list(groups.values()),
            "present_count": session.attendance.filter(present=True).count(),
        },
    )


@never_cache
@class_staff_required
def help_log(request):
    """Digital ambassadors log each time they helped someone with an online
    service: a short form on a phone, and their latest entries. Opened from
    a learner's page (``?learner=``), the entry names that learner and can
    record the VNeID set up for them."""
    places = class_places_for(request.user).order_by("path")
    if not places.exists():
        raise PermissionDenied
    learners = learners_for(request.user, Action.CHANGE)
    initial = {"date": timezone.localdate()}
    linked = None
    if request.method != "POST" and request.GET.get("learner"):
        linked = learners.filter(pk=_int_or_none(request.GET["learner"])).first()
        if linked is None:
            messages.error(request, OUT_OF_SCOPE)
        else:
            initial["learner"] = linked.pk
    form = AmbassadorHelpForm(
        request.POST or None, places=places, learners=learners, initial=initial
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                ambassador_help_record(helper=request.user, request=request, **form.cleaned_data)
            except ValidationError as error:
                field = {
                    "future": "date",
                    "too_old": "date",
                    "outcome": "outcome",
                    "learner_scope": None,
                }.get(error.code, "vneid_level" if "vneid_level" in form.fields else None)
                form.add_error(field, error)
            else:
                messages.success(request, _("The help is logged. Thank you."))
                return redirect("lms:help_log")
        linked = form.cleaned_data.get("learner")
    entries = (
        AmbassadorHelp.objects.filter(helper=request.user)
        .select_related("place", "learner")
        .order_by("-date", "-pk")[:20]
    )
    return render(
        request,
        "lms/classes/help_log.html",
        {"form": form, "entries": entries, "linked": linked},
    )


def _int_or_none(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None
