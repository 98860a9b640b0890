from django import template

from lms.models.national import CertificateClaim

register = template.Library()


@register.simple_tag
def national_certificate_claims(user) -> list:
    """The signed-in learner's national-certificate claims, newest first (one
    query), for "My learning" and account pages."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        CertificateClaim.objects.owned_by(user).select_related("course").order_by("-submitted_at")
    )
