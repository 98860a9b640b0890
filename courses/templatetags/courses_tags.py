from django import template
from django.urls import reverse

from ..cache import data_key, published
from ..conf import courses_settings
from ..models import CataloguePage

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_url(context) -> str:
    """The URL of the site's course catalogue, or "" when there is none."""
    request = context.get("request")

    def find() -> str:
        catalogue = CataloguePage.objects.live().order_by("path").first()
        return catalogue.get_url(request) if catalogue else ""

    if request is None:
        return find()
    # Every page's menu links to it: kept until content changes.
    return published(catalogue_url_key(request), find)


def catalogue_url_key(request) -> str:
    return data_key("catalogue-url", request.get_host())


@register.simple_tag
def national_course_url(course) -> str:
    """Where a link to a national course points: the view named by
    ``HOCVUSO["NATIONAL_COURSE_LINK_URL_NAME"]`` (a host with the lms app names
    its tracking redirect there), never the external URL itself."""
    return reverse(courses_settings.NATIONAL_COURSE_LINK_URL_NAME, args=[course.pk])
