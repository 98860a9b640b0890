from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from courses.cache import data_key, published


class User(AbstractUser):
    """The project's account. Kept as our own model from the start so that
    sign-in by phone and per-person data can grow without a swap later."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


HOME_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
FEATURED_COURSES_SHOWN = 8


class HomePage(Page):
    """The commune's front page: a welcome, what the movement is, featured
    courses and the 4T program, the movement's counters, upcoming events and
    the latest news."""

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
    movement_heading = models.CharField(
        _("movement heading"),
        max_length=150,
        blank=True,
        help_text=_("For example: Bình dân học vụ số là gì?"),
    )
    movement_text = RichTextField(
        _("about the movement"),
        blank=True,
        features=HOME_TEXT_FEATURES,
        help_text=_("A short text on the “Bình dân học vụ số” movement."),
    )
    four_t_program = models.ForeignKey(
        "courses.FourTProgramPage",
        verbose_name=_("4T program"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the featured courses while it is published."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("movement_heading"), FieldPanel("movement_text")],
            heading=_("The movement"),
        ),
        InlinePanel(
            "featured_courses",
            heading=_("Featured courses"),
            label=_("Course"),
            max_num=FEATURED_COURSES_SHOWN,
        ),
        PageChooserPanel("four_t_program", page_type="courses.FourTProgramPage"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("movement_text"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def featured(self) -> list:
        """The chosen courses that are published, in the editor's order, with
        their cover images: one query (two with images)."""
        links = (
            self.featured_courses.filter(course__live=True)
            .select_related("course", "course__cover_image")
            .prefetch_related("course__cover_image__renditions")
            .order_by("sort_order", "pk")
        )
        return [link.course for link in links[:FEATURED_COURSES_SHOWN]]

    def program(self):
        """The chosen 4T program while it is published (None otherwise)."""
        from courses.models import FourTProgramPage

        if self.four_t_program_id is None:
            return None
        return FourTProgramPage.objects.live().filter(pk=self.four_t_program_id).first()

    def get_context(self, request, *args, **kwargs):
        from lms.reports.counters import public_counters

        from .home import latest_news, upcoming_events

        context = super().get_context(request, *args, **kwargs)
        events, events_index_url = upcoming_events(request, limit=3)
        news, news_index_url = latest_news(request, limit=3)
        context.update(
            featured_courses=self.featured(),
            four_t_program=self.program(),
            counters=public_counters(),
            upcoming_events=events,
            events_index_url=events_index_url,
            latest_news=news,
            news_index_url=news_index_url,
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        counters = getattr(response, "context_data", {}).get("counters")
        if counters is not None:
            # The anonymous page cache keeps this page no longer than the
            # counters on it may be shown (cms.cache).
            response.page_cache_timeout = counters.fresh_for()
        return response


class HomeFeaturedCourse(Orderable):
    """A course the home page features, in the editor's order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("course", page_type="courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured course")
        verbose_name_plural = _("featured courses")
        constraints = [
            models.UniqueConstraint(fields=["page", "course"], name="cms_home_featured_once")
        ]


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
