"""Social previews (OpenGraph, Twitter cards) on every page, and plain share links."""

import html as html_lib
import re
from urllib.parse import quote

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from cms.demo import seed_site
from cms.models import SiteIdentity
from tests.cms.test_news import make_image, make_index, make_news
from tests.courses.factories import make_catalogue, make_course

pytestmark = pytest.mark.django_db

TITLE = 'Họp thôn "khẩn" <script>alert(1)</script>'


def meta(html: str) -> dict[str, str]:
    found = {}
    for _attr, name, content in re.findall(
        r'<meta (property|name)="((?:og|twitter|article):[^"]+)" content="([^"]*)">', html
    ):
        found[name] = html_lib.unescape(content)
    return found


@pytest.fixture
def article(db):
    index = make_index()
    return make_news(
        index,
        title=TITLE,
        slug="hop-thon",
        summary="Tối nay 19 giờ <b>họp</b> tại nhà văn hóa.",
        image=make_image(),
        image_alt="Nhà văn hóa thôn",
    )


def test_a_news_article_has_its_own_preview_escaped(client, article):
    html = client.get(article.url).content.decode()
    tags = meta(html)
    assert tags["og:title"] == TITLE
    assert tags["twitter:title"] == TITLE
    assert tags["og:description"] == "Tối nay 19 giờ <b>họp</b> tại nhà văn hóa."
    assert tags["og:type"] == "article"
    assert tags["og:url"] == "http://localhost/tin-tuc/hop-thon/"
    assert tags["og:locale"] == "vi_VN"
    assert tags["twitter:card"] == "summary_large_image"
    assert re.fullmatch(r"http://testserver/media/images/.+\.fill-1200x630\.png", tags["og:image"])
    assert tags["og:image:alt"] == "Nhà văn hóa thôn"
    # The title is text in an attribute, never markup.
    head = html[: html.index("</head>")]
    assert "<script>alert(1)</script>" not in head
    assert 'content="Họp thôn &quot;khẩn&quot; &lt;script&gt;' in head


def test_a_course_page_has_a_preview(client):
    course = make_course(make_catalogue(), title="Dịch vụ công trực tuyến")
    tags = meta(client.get(course.url).content.decode())
    assert tags["og:title"] == "Dịch vụ công trực tuyến"
    assert tags["og:description"] == "Học làm thủ tục trên mạng."
    assert tags["og:type"] == "website"
    assert tags["og:url"] == f"http://localhost{course.url}"
    assert tags["twitter:card"] == "summary"
    assert "og:image" not in tags


def test_a_page_that_is_not_a_wagtail_page_falls_back_to_the_site(client):
    seed_site()
    tags = meta(client.get("/accounts/login/").content.decode())
    assert tags["og:title"] == "Ủy ban nhân dân xã Diên Sanh"
    assert tags["og:site_name"] == "Ủy ban nhân dân xã Diên Sanh"
    assert tags["og:description"] == "Bình dân học vụ số"
    assert tags["og:url"] == "http://testserver/accounts/login/"
    assert tags["og:locale"] == "vi_VN"
    assert tags["twitter:card"] == "summary"


def test_the_site_fallback_is_escaped_too(client):
    site = seed_site().get_site()
    identity = SiteIdentity.for_site(site)
    identity.organisation = 'Xã "Mới" <script>x</script>'
    identity.save()
    html = client.get("/accounts/login/").content.decode()
    assert meta(html)["og:title"] == 'Xã "Mới" <script>x</script>'
    assert "<script>x</script>" not in html[: html.index("</head>")]


def test_english_pages_say_so(client, article):
    client.cookies["hocvuso_language"] = "en"
    assert meta(client.get(article.url).content.decode())["og:locale"] == "en_US"


def test_an_article_has_zalo_facebook_and_copy_link_and_no_third_party_script(client, article):
    html = client.get(article.url).content.decode()
    encoded = quote("http://localhost/tin-tuc/hop-thon/", safe="")
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'href="https://sp.zalo.me/share_inline?url={encoded}"' in html
    # Without JavaScript the link sits in a read-only box; the button is an extra.
    assert re.search(
        r'<input id="share-url" type="url" value="http://localhost/tin-tuc/hop-thon/" readonly',
        html,
    )
    assert re.search(r'<span [^>]*data-copy-action hidden><button[^>]*data-copy="share-url"', html)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def render_share(url, title="Tiêu đề"):
    seed_site()
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    template = Template('{% include "cms/includes/share.html" with url=url title=title %}')
    return template.render(Context({"request": request, "url": url, "title": title}))


def test_the_share_include_takes_any_address_on_this_site():
    html = render_share("http://localhost/khoa-hoc/?q=thanh toán")
    assert quote("http://localhost/khoa-hoc/?q=thanh toán", safe="") in html
    assert "sp.zalo.me" in html


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/lua-dao",
        "javascript:alert(1)",
        "//evil.example/",
        "",
        "http://localhost.evil.example/",
    ],
)
def test_a_foreign_address_is_refused_with_a_message_and_no_links(url):
    html = render_share(url)
    assert "không nằm trên trang web này" in html
    assert "facebook.com" not in html and "zalo.me" not in html
    assert "<a " not in html
