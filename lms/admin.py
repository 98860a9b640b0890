"""Django admin: places, grants, and the read-only audit and learning logs."""

from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from lms.models import AuditEntry, Grant, Household, LearningEvent, Place
from lms.people.services.people import new_household_code


@admin.register(Place)
class PlaceAdmin(TreeAdmin):
    form = movenodeform_factory(Place)
    list_display = ["name", "kind", "code", "adults_16_plus", "households"]
    search_fields = ["name", "code"]


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "place", "created_at", "revoked_at"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "place"]
    readonly_fields = ["granted_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["name", "village", "code", "created_at"]
    readonly_fields = ["code", "created_by", "created_at"]
    autocomplete_fields = ["village"]
    search_fields = ["name", "code"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.code = new_household_code()
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail cannot be edited or deleted from the admin."""

    list_display = ["created_at", "actor_label", "action", "learner_id", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_label", "=learner_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_model_perms(self, request):
        perms = super().get_model_perms(request)
        perms["view"] = request.user.is_superuser
        return perms

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(LearningEvent)
class LearningEventAdmin(admin.ModelAdmin):
    """Read-only: the learning record is append-only; it cannot be edited or
    deleted from the admin."""

    list_display = ["occurred_at", "verb", "learner", "lesson", "course", "source", "recorded_at"]
    list_filter = ["verb", "source"]
    list_select_related = ["learner", "lesson", "course"]
    search_fields = ["=id", "=learner__id"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
