"""Keeping each learner's ``target_group_mask`` (and the copies on their
tallies and digital identity history) equal to their target groups: the sum
of ``1 << bit`` of the groups (``courses.TargetGroup.bit``), so the
indicators count a group's learners with one scan (``mask & (1 << bit) !=
0``) instead of joining a million learners with the link table.

The mask is derived state, written in the same transaction as the change:

- any add, remove, set or clear of ``Learner.target_groups``, from either side
  (``learner.target_groups.add(...)``, ``group.learners.add(...)``), through
  the ``m2m_changed`` receiver below;
- deleting a target group clears its bit everywhere (the cascade deletes the
  links without ``m2m_changed``) before another group can take the bit;
- new tally rows get the learner's mask as they are written
  (``lms.learning.services.tallies``), and so do new digital identity rows
  (``lms.people.services.digital_id``);
- ``target_group_masks_refresh()`` recomputes everyone's, set-based
  (``rebuild_learning_state`` does).

Code that writes the link table in bulk (``bulk_create`` of the through
model sends no signal) must call ``target_group_masks_refresh`` itself, or
write the masks as ``generate_load_data`` does.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import F
from django.db.models.lookups import GreaterThan
from django.db.models.signals import m2m_changed, pre_delete
from django.dispatch import receiver

from courses.models import TargetGroup
from lms.models import DigitalIdChange, Learner, LearnerTally

CHUNK = 5000


def _tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    return {
        "learner": quote(Learner._meta.db_table),
        "link": quote(Learner.target_groups.through._meta.db_table),
        "group": quote(TargetGroup._meta.db_table),
        "tally": quote(LearnerTally._meta.db_table),
        "history": quote(DigitalIdChange._meta.db_table),
    }


def target_group_masks_refresh(learner_ids: Iterable[int] | None = None) -> None:
    """Recompute the masks of these learners (None: everyone, set-based: only
    the rows that change are written) and of their copies (tallies, digital
    identity history)."""
    t = _tables()
    # Shifted in bigint: on PostgreSQL ``1 << 40`` in integer wraps around.
    bit = "CAST(1 AS BIGINT) << g.bit"
    links = f"{t['link']} k JOIN {t['group']} g ON g.id = k.targetgroup_id"
    with connection.cursor() as cursor:
        if learner_ids is None:
            cursor.execute(
                f"UPDATE {t['learner']} SET target_group_mask = s.mask "  # noqa: S608
                f"FROM (SELECT k.learner_id, SUM({bit}) AS mask FROM {links} "
                "GROUP BY k.learner_id) s "
                f"WHERE {t['learner']}.id = s.learner_id "
                f"AND {t['learner']}.target_group_mask <> s.mask"
            )
            cursor.execute(
                f"UPDATE {t['learner']} SET target_group_mask = 0 "  # noqa: S608
                "WHERE target_group_mask <> 0 AND NOT EXISTS "
                f"(SELECT 1 FROM {t['link']} k WHERE k.learner_id = {t['learner']}.id)"
            )
            for copy in (t["tally"], t["history"]):
                cursor.execute(
                    f"UPDATE {copy} SET target_group_mask = l.target_group_mask "  # noqa: S608
                    f"FROM {t['learner']} l WHERE l.id = {copy}.learner_id "
                    f"AND {copy}.target_group_mask <> l.target_group_mask"
                )
            return
        ids = sorted(set(learner_ids))
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"UPDATE {t['learner']} SET target_group_mask = "  # noqa: S608
                f"COALESCE((SELECT SUM({bit}) FROM {links} "
                f"WHERE k.learner_id = {t['learner']}.id), 0) "
                f"WHERE id IN ({marks})",
                chunk,
            )
            for copy in (t["tally"], t["history"]):
                cursor.execute(
                    f"UPDATE {copy} SET target_group_mask = "  # noqa: S608
                    f"(SELECT l.target_group_mask FROM {t['learner']} l "
                    f"WHERE l.id = {copy}.learner_id) "
                    f"WHERE learner_id IN ({marks})",
                    chunk,
                )


def in_group(field: str, bit: int) -> GreaterThan:
    """A condition: the mask in ``field`` has the group's ``bit``."""
    return GreaterThan(F(field).bitand(1 << bit), 0)


def target_group_bit_clear(bit: int) -> None:
    """A group is being deleted: no learner or copy of its mask keeps its bit."""
    value = 1 << bit
    for model in (Learner, LearnerTally, DigitalIdChange):
        model.objects.filter(in_group("target_group_mask", bit)).update(
            target_group_mask=F("target_group_mask") - value
        )


@receiver(m2m_changed, sender=Learner.target_groups.through)
def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        # ``learner.target_groups.add(...)``: the learner is the instance.
        if action in ("post_add", "post_remove", "post_clear"):
            target_group_masks_refresh([instance.pk])
        return
    # ``group.learners.add(...)``: the learners are ``pk_set``.
    if action == "pre_clear":
        instance._mask_learners = list(
            sender.objects.filter(targetgroup_id=instance.pk).values_list("learner_id", flat=True)
        )
    elif action == "post_clear":
        target_group_masks_refresh(getattr(instance, "_mask_learners", ()))
        instance._mask_learners = ()
    elif action in ("post_add", "post_remove") and pk_set:
        target_group_masks_refresh(pk_set)


@receiver(pre_delete, sender=TargetGroup)
def _group_deleted(sender, instance, **kwargs):
    if instance.bit is not None:
        target_group_bit_clear(instance.bit)
