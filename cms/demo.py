"""Demo content for the reference site. Every function is idempotent."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import HomePage, SiteIdentity

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
