from django import template

from ..models import CataloguePage

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_url(context) -> str:
    """The URL of the site's course catalogue, or "" when there is none."""
    request = context.get("request")
    catalogue = CataloguePage.objects.live().order_by("path").first()
    return catalogue.get_url(request) if catalogue else ""
