from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from courses.cache import data_key, published


class User(AbstractUser):
    """The project's account. Kept as our own model from the start so that
    sign-in by phone and per-person data can grow without a swap later."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class HomePage(Page):
    """The commune's front page: a welcome, then what to learn."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences under the title."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class BarePage(Page):
    """A page with nothing but rich text, kept as the benchmark baseline.

    `make bench` measures every product page against it: the cost of Wagtail's
    routing, site lookup and a plain render, with no caching or components of
    our own. Only the benchmark harness creates it (editors never see it in
    the "add page" list), directly under the home page.
    """

    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    is_creatable = False
    template = "cms/bare_page.html"

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The baseline is Wagtail itself: no page cache may keep it.
        add_never_cache_headers(response)
        return response

    class Meta:
        verbose_name = _("bare page (benchmark baseline)")
        verbose_name_plural = _("bare pages (benchmark baseline)")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Who runs this site: shown in the header and footer of every page."""

    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For example: Ủy ban nhân dân xã Diên Sanh."),
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("tagline")], heading=_("Organisation")
        ),
        MultiFieldPanel(
            [FieldPanel("contact_phone"), FieldPanel("contact_email"), FieldPanel("address")],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identity")

    @classmethod
    def for_request(cls, request):
        """As Wagtail's, but read from the cache until content changes (saving
        the setting is such a change): every page shows it. Editing in the
        admin reads the database (``for_site``)."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            identity = published(cls.cache_key(request), lambda: cls.for_site(site))
            identity._request = request
            setattr(request, attr_name, identity)
        return getattr(request, attr_name)

    @staticmethod
    def cache_key(request) -> str:
        # By host: the host decides the site, and changing a site changes content.
        return data_key("site-identity", request.get_host())
