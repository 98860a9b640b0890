"""News and announcements: the list, the article, categories, moderation and the cache."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.demo import seed_site
from cms.demo_news import seed_news_workflow
from cms.models import NewsCategory, NewsIndexPage, NewsPage
from cms.news import latest_news
from courses.demo import EDITORS, MODERATORS
from tests.courses.factories import with_authenticator

pytestmark = pytest.mark.django_db


def make_image(title="Ảnh"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), (11, 79, 138)).save(buffer, "PNG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name="anh.png"))
    image.save()
    return image


def make_index(per_page=10) -> NewsIndexPage:
    home = seed_site()
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc", per_page=per_page)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_news(index, title="Tin mới", days_ago=0, categories=(), **fields) -> NewsPage:
    from django.utils.text import slugify

    from courses.text import fold

    fields.setdefault("summary", "Tóm tắt ngắn của bài.")
    fields.setdefault("body", "<p>Nội dung bài viết.</p>")
    page = NewsPage(
        title=title,
        slug=fields.pop("slug", None) or slugify(fold(title)),
        date=datetime.date(2026, 11, 30) - datetime.timedelta(days=days_ago),
        **fields,
    )
    index.add_child(instance=page)
    page.categories.set(categories)
    page.save_revision().publish()
    return NewsPage.objects.get(pk=page.pk)


@pytest.fixture
def index(db):
    return make_index(per_page=2)


def titles(response) -> list[str]:
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_the_list_shows_newest_first_a_page_at_a_time(client, index):
    for day in range(5):
        make_news(index, title=f"Tin số {day}", days_ago=day)
    first = client.get(index.url)
    assert titles(first) == ["Tin số 0", "Tin số 1"]
    assert "Trang 1 / 3" in first.content.decode() or "Page 1 of 3" in first.content.decode()
    assert titles(client.get(index.url, {"page": 2})) == ["Tin số 2", "Tin số 3"]
    assert titles(client.get(index.url, {"page": 3})) == ["Tin số 4"]


@pytest.mark.parametrize(
    ("page", "expected"),
    [("99", ["Tin số 2"]), ("abc", ["Tin số 0", "Tin số 1"]), ("-1", ["Tin số 2"])],
)
def test_bad_page_numbers_show_the_last_or_first_page(client, index, page, expected):
    for day in range(3):
        make_news(index, title=f"Tin số {day}", days_ago=day)
    response = client.get(index.url, {"page": page})
    assert response.status_code == 200
    assert titles(response) == expected


def test_drafts_and_private_news_stay_out_of_the_list(client, index):
    make_news(index, title="Tin công khai")
    draft = make_news(index, title="Tin nháp", days_ago=1)
    draft.unpublish()
    assert titles(client.get(index.url)) == ["Tin công khai"]
    assert [page.title for page in latest_news()] == ["Tin công khai"]


def test_categories_filter_the_list(client, index):
    notices = NewsCategory.objects.create(name="Thông báo", slug="thong-bao")
    movement = NewsCategory.objects.create(name="Phong trào", slug="phong-trao")
    make_news(index, title="Lịch cài VNeID", categories=[notices])
    make_news(index, title="Phát động phong trào", days_ago=1, categories=[movement])
    response = client.get(index.url, {"category": "thong-bao"})
    assert titles(response) == ["Lịch cài VNeID"]
    html = response.content.decode()
    assert 'href="/tin-tuc/?category=phong-trao"' in html
    assert titles(client.get(index.url, {"category": "phong-trao"})) == ["Phát động phong trào"]


def test_an_unknown_category_is_not_found(client, index):
    make_news(index)
    assert client.get(index.url, {"category": "khong-co"}).status_code == 404


def test_the_article_shows_its_text_and_picture_with_alt(client, index):
    notices = NewsCategory.objects.create(name="Thông báo", slug="thong-bao")
    page = make_news(
        index,
        title="Ngày hội “Toàn dân học tập số”",
        image=make_image(),
        image_alt="Bà con học dùng điện thoại",
        categories=[notices],
    )
    html = client.get(page.url).content.decode()
    assert "<h1>Ngày hội “Toàn dân học tập số”</h1>" in html
    assert 'alt="Bà con học dùng điện thoại"' in html
    assert ">Thông báo</a>" in html


def test_alt_text_is_required_with_an_image(index):
    page = NewsPage(title="Tin", slug="tin", summary="Tóm tắt", body="<p>x</p>", image=make_image())
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert "image_alt" in error.value.message_dict
    page.image_alt = "Mô tả ảnh"
    page.full_clean(exclude=["path", "depth"])


def test_the_loudspeaker_text_is_limited(index):
    page = NewsPage(title="Tin", slug="tin", summary="Tóm tắt", body="<p>x</p>")
    page.loudspeaker_text = "a" * 1001
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert "loudspeaker_text" in error.value.message_dict


def test_only_staff_see_the_loudspeaker_text_to_copy(client, index, admin_user):
    page = make_news(index, loudspeaker_text="Thông báo của xã: sáng mai họp thôn.")
    assert "Thông báo của xã: sáng mai họp thôn." not in client.get(page.url).content.decode()
    learner = get_user_model().objects.create_user("hocvien", "hv@example.vn", "x")
    client.force_login(learner)
    assert "sáng mai họp thôn" not in client.get(page.url).content.decode()
    client.force_login(with_authenticator(admin_user))
    html = client.get(page.url).content.decode()
    assert re.search(
        r"<textarea[^>]*readonly[^>]*>Thông báo của xã: sáng mai họp thôn.</textarea>", html
    )
    assert re.search(
        r'<span data-copy-action hidden><button[^>]*data-copy="loudspeaker-text"', html
    )


def test_latest_news_is_one_query_plus_renditions(index, django_assert_max_num_queries):
    for day in range(4):
        make_news(index, title=f"Tin {day}", days_ago=day, image=make_image(), image_alt="Ảnh")
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")

    def render():
        pages = latest_news(limit=3)
        html = "".join(
            render_to_string("cms/includes/news_card.html", {"page": page, "request": request})
            for page in pages
        )
        return pages, html

    render()  # makes the thumbnails once, and finds the site
    # Whether any page is private, the articles, their thumbnails.
    with django_assert_max_num_queries(3):
        pages, html = render()
    assert [page.title for page in pages] == ["Tin 0", "Tin 1", "Tin 2"]
    assert html.count('alt="Ảnh"') == 3


def test_the_news_card_links_the_article(index):
    from django.template.loader import render_to_string

    page = make_news(index, title="Tin & thông báo")
    html = render_to_string("cms/includes/news_card.html", {"page": page})
    assert f'href="{page.url}"' in html
    assert "Tin &amp; thông báo" in html
    assert 'datetime="2026-11-30"' in html


def test_anonymous_list_and_article_are_served_from_the_page_cache(
    client, index, django_assert_num_queries
):
    for day in range(3):
        make_news(index, title=f"Tin số {day}", days_ago=day)
    article = NewsPage.objects.first()
    for url in (index.url, index.url + "?page=2", article.url):
        assert client.get(url)["X-Cache"] == "miss"
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again["X-Cache"] == "hit"


def test_publishing_news_shows_in_the_cached_list_at_once(client, index):
    make_news(index, title="Tin cũ", days_ago=2)
    client.get(index.url)
    make_news(index, title="Tin mới nhất")
    assert titles(client.get(index.url))[0] == "Tin mới nhất"


def test_renaming_a_category_shows_at_once(client, index):
    notices = NewsCategory.objects.create(name="Thông báo", slug="thong-bao")
    make_news(index, categories=[notices])
    client.get(index.url)
    notices.name = "Thông báo khẩn"
    notices.save()
    assert "Thông báo khẩn" in client.get(index.url).content.decode()


def test_sitemap_lists_news(client, index):
    page = make_news(index)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://localhost{page.url}</loc>" in xml
    assert f"<loc>http://localhost{index.url}</loc>" in xml


# --- Moderation, as in the course catalogue ------------------------------------


@pytest.fixture
def people(index):
    seed_news_workflow(index)
    User = get_user_model()
    editor = User.objects.create_user("bientap", "bientap@example.vn", "x")
    moderator = User.objects.create_user("kiemduyet", "kiemduyet@example.vn", "x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    return with_authenticator(editor), with_authenticator(moderator)


def news_form(**extra):
    return nested_form_data(
        {
            "title": "Thông báo họp thôn",
            "slug": "thong-bao-hop-thon",
            "date": "2026-12-01",
            "summary": "Tối thứ Bảy họp thôn.",
            "image_alt": "",
            "body": rich_text("<p>Mời bà con đến họp.</p>"),
            "loudspeaker_text": "Tối thứ Bảy họp thôn.",
            **extra,
        }
    )


def test_an_editors_article_goes_to_moderation(client, index, people):
    editor, moderator = people
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/cms/newspage/{index.pk}/", news_form(**{"action-submit": "submit"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="thong-bao-hop-thon")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.post(f"/admin/pages/{page.pk}/edit/", news_form(**{"action-publish": "publish"}))
    page.refresh_from_db()
    assert not page.live

    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_an_image_without_alt_text_is_refused_in_the_admin(client, index, people):
    editor, _ = people
    client.force_login(editor)
    image = make_image()
    response = client.post(
        f"/admin/pages/add/cms/newspage/{index.pk}/",
        news_form(image=image.pk, **{"action-submit": "submit"}),
    )
    assert response.status_code == 200
    assert not NewsPage.objects.filter(slug="thong-bao-hop-thon").exists()
    html = response.content.decode()
    field = html[html.index('data-contentpath="image_alt"') :][:1000]
    assert "Hãy thêm văn bản thay thế" in field


def test_the_demo_has_news_an_announcement_of_10_10_and_questions(client, demo_site):
    from cms.models import FaqPage

    index = NewsIndexPage.objects.live().get()
    assert index.get_parent().specific == demo_site
    titles_ = [page.title for page in latest_news(limit=10)]
    assert any("10/10" in title for title in titles_)
    assert any("Bình dân học vụ số" in title for title in titles_)
    assert client.get(index.url).status_code == 200
    assert all(client.get(page.url).status_code == 200 for page in latest_news(limit=10))
    faq = FaqPage.objects.live().get()
    assert "VNeID" in client.get(faq.url).content.decode()
    assert index.get_workflow().name == "Duyệt tin tức và hỏi đáp"
    assert faq.get_workflow() == index.get_workflow()


def test_the_list_costs_the_same_queries_for_three_articles_or_six(client, admin_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = make_index(per_page=10)
    client.force_login(with_authenticator(admin_user))

    def queries() -> int:
        client.get(index.url)  # thumbnails made, caches filled
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url).status_code == 200
        return len(captured)

    for day in range(3):
        make_news(index, title=f"Tin {day}", days_ago=day, image=make_image(), image_alt="Ảnh")
    three = queries()
    for day in range(3, 6):
        make_news(index, title=f"Tin {day}", days_ago=day, image=make_image(), image_alt="Ảnh")
    assert queries() == three
