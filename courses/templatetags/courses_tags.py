from django import template
from django.urls import reverse

from ..conf import courses_settings
from ..models import CataloguePage

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_url(context) -> str:
    """The URL of the site's course catalogue, or "" when there is none."""
    request = context.get("request")
    catalogue = CataloguePage.objects.live().order_by("path").first()
    return catalogue.get_url(request) if catalogue else ""


@register.simple_tag
def national_course_url(course) -> str:
    """Where a link to a national course points: the view named by
    ``HOCVUSO["NATIONAL_COURSE_LINK_URL_NAME"]`` (a host with the lms app names
    its tracking redirect there), never the external URL itself."""
    return reverse(courses_settings.NATIONAL_COURSE_LINK_URL_NAME, args=[course.pk])
