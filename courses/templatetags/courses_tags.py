from django import template
from django.urls import reverse
from django.utils.translation import get_language

from ..cache import data_key, published, published_text
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


class PublishedFragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary: list):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context) -> str:
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = (
            self.name,
            request.get_host(),
            get_language(),
            *(value.resolve(context) for value in self.vary),
        )
        return published_text(parts, lambda: self.nodelist.render(context))


@register.tag
def published_fragment(parser, token):
    """``{% published_fragment "name" value... %}...{% endpublished_fragment %}``:
    the enclosed part rendered once per process for the host, the language
    and the values given, until published content changes (never in a
    preview). Only for what is the same for every visitor given those
    values: nothing about who is asking unless it is one of the values."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endpublished_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return PublishedFragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
