"""Signals -> the digital identity history: its copies of a learner's
village and year of birth follow the learner (Learner.save says what
changed from the row it was loaded with)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from lms.models import Learner
from lms.people.services.digital_id import digital_id_copies_follow


@receiver(post_save, sender=Learner, dispatch_uid="lms_digital_id_copies_follow")
def _history_follows_the_learner(sender, instance: Learner, created: bool, **kwargs) -> None:
    if not created and (instance.village_changed or instance.year_of_birth_changed):
        digital_id_copies_follow(learner=instance)
