"""Demo content for the reference site. Every function is idempotent."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import HomeFeaturedCourse, HomePage, SiteIdentity

HOME_TITLE = "Bình dân học vụ số xã Diên Sanh"
HOME_INTRO = (
    "Học kỹ năng số miễn phí, ngay trên điện thoại: dùng điện thoại an toàn, "
    "làm thủ tục trực tuyến, thanh toán không dùng tiền mặt và nhận diện lừa đảo."
)
HOME_BODY = (
    "<h2>Không để ai bị bỏ lại phía sau</h2>"
    "<p>Phong trào “Bình dân học vụ số” giúp mọi người dân có kiến thức và kỹ năng số cơ bản. "
    "Tổ công nghệ số cộng đồng ở mỗi thôn sẵn sàng hướng dẫn tận nhà.</p>"
)

MOVEMENT_HEADING = "“Bình dân học vụ số” là gì?"
MOVEMENT_TEXT = (
    "<p>“Bình dân học vụ số” là phong trào toàn dân học tập kỹ năng số, phát động ngày "
    "18/11/2024, để mọi người dân đều có kiến thức và kỹ năng số cơ bản, "
    "<b>không để ai bị bỏ lại phía sau</b>.</p>"
    "<ul><li>Học miễn phí trên điện thoại, theo từng bài ngắn.</li>"
    "<li>Tổ công nghệ số cộng đồng ở mỗi thôn hướng dẫn tận nhà.</li>"
    "<li>Mỗi hộ có ít nhất một người thành thạo kỹ năng số để trở thành “Gia đình số”.</li></ul>"
)
# Featured on the demo home page, in this order (courses.demo_content).
FEATURED_SLUGS = (
    "dung-dien-thoai-an-toan",
    "dich-vu-cong-va-vneid",
    "nhan-dien-lua-dao",
    "thanh-toan-ma-qr",
)


def ensure_tree_root() -> Page:
    """Wagtail's migrations create the default locale and the root page; a
    flushed database (as transactional tests leave it) has neither."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@transaction.atomic
def seed_site() -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's
    placeholder welcome page."""
    home = HomePage.objects.first()
    root = ensure_tree_root()
    if home is None:
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug="trang-chu", intro=HOME_INTRO, body=HOME_BODY)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Học Vụ Số",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Học Vụ Số"
        site.save()
    # Wagtail's installer leaves a plain "Welcome" page under the root.
    for placeholder in (
        Page.objects.child_of(root)
        .exclude(pk=home.pk)
        .filter(content_type__model="page", numchild=0)
    ):
        placeholder.delete()
    identity = SiteIdentity.for_site(site)
    if not identity.organisation:
        identity.organisation = "Ủy ban nhân dân xã Diên Sanh"
        identity.tagline = "Bình dân học vụ số"
        identity.address = "Xã Diên Sanh, tỉnh Quảng Trị"
        identity.contact_phone = "0233 3870 000"
        identity.save()
    return home


@transaction.atomic
def seed_home_sections(home: HomePage) -> HomePage:
    """Fill the home page's movement text and choose its featured courses and
    the 4T program, once the courses exist (``courses.demo.seed_courses``).
    Left alone once an editor has chosen featured courses."""
    from courses.models import CoursePage, FourTProgramPage

    home = HomePage.objects.get(pk=home.pk)
    if home.featured_courses.exists():
        return home
    home.movement_heading = home.movement_heading or MOVEMENT_HEADING
    home.movement_text = home.movement_text or MOVEMENT_TEXT
    home.four_t_program = home.four_t_program or FourTProgramPage.objects.live().first()
    courses = {course.slug: course for course in CoursePage.objects.filter(slug__in=FEATURED_SLUGS)}
    home.featured_courses = [
        HomeFeaturedCourse(course=courses[slug], sort_order=order)
        for order, slug in enumerate(FEATURED_SLUGS)
        if slug in courses
    ]
    home.save_revision().publish()
    return home
