from django import forms
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from courses.cache import data_key, published
from courses.models.images import PictureWithAlt


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


# --- News, announcements and questions --------------------------------------------


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answer = blocks.RichTextBlock(
        label=_("answer"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        label = _("question and answer")


class FaqSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=150)
    questions = blocks.ListBlock(FaqItemBlock(), label=_("questions"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("section")
        template = "cms/blocks/faq_section.html"


@register_snippet
class NewsCategory(models.Model):
    """A topic news is filed under (announcements, the movement, VNeID…)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name


class NewsIndexPage(Page):
    """The list of news and announcements, newest first, a page at a time."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    per_page = models.PositiveSmallIntegerField(
        _("articles per page"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("per_page")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1  # one list, so the feeds and the home page know where news is

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        from .news import news_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(news_list_context(self, request))
        return context


LOUDSPEAKER_MAX_LENGTH = 1000


class NewsPage(PictureWithAlt, Page):
    """One article or announcement, with a short version to read out on the
    village loudspeakers."""

    date = models.DateField(_("publish date"), default=timezone.localdate)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in lists, feeds and shared links."),
    )
    body = RichTextField(
        _("body"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "image"]
    )
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("categories"), blank=True, related_name="news_pages"
    )
    loudspeaker_text = models.TextField(
        _("loudspeaker text"),
        max_length=LOUDSPEAKER_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(LOUDSPEAKER_MAX_LENGTH)],
        help_text=_(
            "Plain text for the village loudspeaker: short sentences, no links. "
            "At most 1,000 characters."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("loudspeaker_text"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self):
        super().clean()
        errors = self.picture_errors()
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_categories"] = list(self.categories.all())
        context["share_url"] = self.get_full_url(request)
        return context


class FaqPage(Page):
    """Frequently asked questions, in sections editors arrange."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    sections = StreamField(
        [("section", FaqSectionBlock())],
        blank=True,
        verbose_name=_("sections"),
        help_text=_("For example: VNeID, public services, lessons, payment apps."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("sections")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("sections")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("questions and answers")
        verbose_name_plural = _("questions and answers pages")
