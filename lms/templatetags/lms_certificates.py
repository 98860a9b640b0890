"""Template tags for pages that list a learner's certificates (My learning)."""

from django import template

from lms.models.certificates import Certificate

register = template.Library()


@register.simple_tag
def learner_certificates(user):
    """The signed-in user's local certificates, newest first (one query)."""
    if not getattr(user, "is_authenticated", False):
        return Certificate.objects.none()
    return list(Certificate.objects.filter(learner__user=user))
