"""Places: province -> commune -> village, with the figures indicators need."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class PlaceKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    COMMUNE = "commune", _("Commune")
    VILLAGE = "village", _("Village")


#: Which kind of place may sit directly under which.
CHILD_KIND = {
    None: PlaceKind.PROVINCE,
    PlaceKind.PROVINCE: PlaceKind.COMMUNE,
    PlaceKind.COMMUNE: PlaceKind.VILLAGE,
}


class PlaceQuerySet(MP_NodeQuerySet):
    def villages(self):
        return self.filter(kind=PlaceKind.VILLAGE)

    def within(self, places) -> PlaceQuerySet:
        """These places and everything below them: one indexed prefix query."""
        query = models.Q(pk__in=[])
        for place in places:
            query |= models.Q(path__startswith=place.path)
        return self.filter(query)


class PlaceManager(MP_NodeManager):
    def get_queryset(self) -> PlaceQuerySet:
        return PlaceQuerySet(self.model, using=self._db).order_by("path")

    def villages(self) -> PlaceQuerySet:
        return self.get_queryset().villages()

    def within(self, places) -> PlaceQuerySet:
        return self.get_queryset().within(places)


class Place(MP_Node):
    """A node of the administrative tree.

    A materialised path (treebeard) makes "this place and everything below it"
    a single ``path LIKE 'xxxx%'`` on an indexed column, which is what every
    scoped staff query needs.
    """

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=PlaceKind.choices)
    code = models.CharField(
        _("official code"),
        max_length=20,
        unique=True,
        help_text=_("The statistics office code, e.g. 44 for Quảng Trị province."),
    )
    adults_16_plus = models.PositiveIntegerField(
        _("adults aged 16 and over"), null=True, blank=True
    )
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)

    objects = PlaceManager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name
