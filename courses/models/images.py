"""A page's own picture with the alt text it must have once it is set."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import MISSING_ALT_TEXT


class PictureWithAlt(models.Model):
    """``image`` and ``image_alt``: a page with an image and no alt text is
    refused with a field error (news articles and events)."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )

    class Meta:
        abstract = True

    def picture_errors(self) -> dict:
        if self.image_id and not (self.image_alt or "").strip():
            return {"image_alt": MISSING_ALT_TEXT}
        return {}
