"""Signals -> the learning summaries: a change that may alter the
digital-family definition queues a rebuild; a learner who moved takes their
tallies to the new village."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from courses.models import CoursePage, NationalCourse, SkillArea
from lms.learning.services.tallies import tallies_move
from lms.learning.tasks import skills_rebuild_soon
from lms.models import Learner


@receiver(post_save, sender=SkillArea, dispatch_uid="lms_digital_skills_area_saved")
@receiver(post_delete, sender=SkillArea, dispatch_uid="lms_digital_skills_area_deleted")
@receiver(page_published, sender=CoursePage, dispatch_uid="lms_digital_skills_course_published")
@receiver(page_unpublished, sender=CoursePage, dispatch_uid="lms_digital_skills_course_unpublished")
@receiver(post_delete, sender=CoursePage, dispatch_uid="lms_digital_skills_course_deleted")
@receiver(
    m2m_changed,
    sender=NationalCourse.skill_areas.through,
    dispatch_uid="lms_digital_skills_national_areas_changed",
)
@receiver(post_delete, sender=NationalCourse, dispatch_uid="lms_digital_skills_national_deleted")
def _definition_may_have_changed(**kwargs) -> None:
    # The task compares definitions: an edit that changes none costs two
    # small queries in the worker.
    skills_rebuild_soon()


@receiver(post_save, sender=Learner, dispatch_uid="lms_learner_tallies_moved")
def _tallies_follow_the_learner(sender, instance: Learner, **kwargs) -> None:
    # Learner.save says whether the village changed from the one it was loaded with.
    if instance.village_changed:
        tallies_move(learner_id=instance.pk, village_id=instance.village_id)
