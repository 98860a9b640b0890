"""The catalogue: local and national courses side by side, filtered and searched."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _

from .models.national import NationalCourse
from .models.search import matching
from .models.taxonomy import SkillArea, TargetGroup
from .text import nfc

LOCAL = "local"
NATIONAL = "national"


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    group = forms.ModelChoiceField(
        label=_("For whom"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Everyone"),
    )
    skill = forms.ModelChoiceField(
        label=_("Digital skill"),
        queryset=SkillArea.objects.basic_skills(),
        to_field_name="slug",
        required=False,
        empty_label=_("All skills"),
    )
    pillar = forms.ModelChoiceField(
        label=_("4T pillar"),
        queryset=SkillArea.objects.pillars(),
        to_field_name="slug",
        required=False,
        empty_label=_("All pillars"),
    )
    source = forms.ChoiceField(
        label=_("Where"),
        required=False,
        choices=[
            ("", _("Local and national")),
            (LOCAL, _("Local courses")),
            (NATIONAL, _("National courses")),
        ],
    )

    def clean_q(self):
        return nfc(self.cleaned_data["q"]).strip()


def catalogue_items(catalogue, data: dict) -> list:
    """Courses (then matching lessons, when searching), then national courses.

    Local courses keep the order editors gave them in the page tree; national
    courses are listed by title. Each list is one query, whatever its length."""
    from .models.pages import CoursePage

    query = data.get("q") or ""
    source = data.get("source") or ""
    courses = CoursePage.objects.live().descendant_of(catalogue)
    nationals = NationalCourse.objects.active()
    for key in ("group", "skill", "pillar"):
        value = data.get(key)
        if value is None:
            continue
        field = "target_groups" if key == "group" else "skill_areas"
        courses = courses.filter(**{field: value})
        nationals = nationals.filter(**{field: value})
    items: list = []
    if source != NATIONAL:
        items += list(matching(courses, query).distinct().order_by("path"))
        if query:
            items += _matching_lessons(courses, query)
    if source != LOCAL:
        items += list(matching(nationals, query).distinct().order_by("title"))
    return items


def _matching_lessons(courses, query: str) -> list:
    """Live lessons that match, inside the (filtered) live courses, each with
    its course attached: two queries however many there are."""
    from .models.pages import LessonPage

    steplen = LessonPage.steplen
    lessons = list(
        matching(LessonPage.objects.live(), query)
        .annotate(parent_path=Substr("path", 1, Length("path") - steplen))
        .filter(parent_path__in=courses.values("path"))
        .order_by("path")
    )
    parents = {
        course.path: course
        for course in courses.filter(path__in={lesson.parent_path for lesson in lessons})
    }
    for lesson in lessons:
        lesson.catalogue_course = parents.get(lesson.parent_path)
    return lessons


def catalogue_context(catalogue, request) -> dict:
    form = CatalogueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    items = catalogue_items(catalogue, data)
    paginator = Paginator(items, catalogue.per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        # An unknown value (a stale link) shows everything, so the form shows
        # no filter and no error either.
        "filter_form": form if data else CatalogueFilterForm(),
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "query_string": query.urlencode(),
        "searching": bool(data.get("q")),
        "filtering": any(data.get(key) for key in ("q", "group", "skill", "pillar", "source")),
        "result_count": paginator.count,
    }
