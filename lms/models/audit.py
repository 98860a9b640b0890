"""Who looked at or exported whose personal data: the access log the privacy
law asks for (a breach must be reported within 72 hours, so access is logged)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW_LIST = "view_list", _("Viewed a list of learners")
    VIEW_LEARNER = "view_learner", _("Viewed a learner's personal data")
    EXPORT = "export", _("Exported personal data")
    DOWNLOAD_FILE = "download_file", _("Downloaded a learner's file")
    REGISTER_LEARNER = "register_learner", _("Registered a learner")
    PRINT_CARD = "print_card", _("Printed a sign-in card")
    REVOKE_CARD = "revoke_card", _("Revoked a sign-in card")
    CONFIRM_DIGITAL_ID = "confirm_digital_id", _("Confirmed a digital identity")
    DATA_DOWNLOAD = "data_download", _("Downloaded own data")
    ACCOUNT_DELETED = "account_deleted", _("Deleted own account")
    AMEND_REPORT = "amend_report", _("Issued an amended quarterly report")
    SET_TARGET = "set_target", _("Set or removed an indicator target")
    EVENT_CHECK_IN = "event_check_in", _("Checked a learner in at an event")
    EVENT_REGISTER = "event_register", _("Signed a learner up for an event")
    SAVE_HELPER = "save_helper", _("Added or changed a village helper")
    VIEW_HELP_REQUESTS = "view_help_requests", _("Viewed requests for help")
    TAKE_HELP_REQUEST = "take_help_request", _("Took a request for help")
    CLOSE_HELP_REQUEST = "close_help_request", _("Closed a request for help")


class AuditEntry(models.Model):
    """One access to personal data. Append-only; it names the learner by id only,
    so erasing a learner leaves the trail but no personal data in it."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    learner_id = models.BigIntegerField(_("learner id"), null=True, blank=True, db_index=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.actor_label} {self.action}"
