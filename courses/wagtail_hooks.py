from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import NationalCourse, SkillArea, TargetGroup


class NationalCourseViewSet(SnippetViewSet):
    model = NationalCourse
    icon = "link-external"
    menu_label = _("National courses")
    list_display = ["title", "platform", "active"]
    list_filter = ["active", "target_groups", "skill_areas"]
    search_fields = ["title", "description"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name", "sort_order"]


class SkillAreaViewSet(SnippetViewSet):
    model = SkillArea
    icon = "tag"
    menu_label = _("Skill areas")
    list_display = ["name", "kind", "sort_order"]
    list_filter = ["kind"]


class CourseDataGroup(SnippetViewSetGroup):
    menu_label = _("Course data")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (NationalCourseViewSet, TargetGroupViewSet, SkillAreaViewSet)


register_snippet(CourseDataGroup)
