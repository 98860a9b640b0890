"""RSS 2.0 and Atom feeds of the latest news."""

import pytest
from defusedxml import ElementTree as ET

from tests.cms.test_news import make_index, make_news

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(db):
    index = make_index()
    make_news(index, title="Phát động phong trào", days_ago=3)
    make_news(
        index,
        title='Ngày hội "Toàn dân học tập số" <script>alert(1)</script>',
        slug="ngay-hoi",
        summary="Bà con mang theo điện thoại & căn cước.",
    )
    return index


def test_the_news_pages_link_both_feeds(client, news):
    html = client.get(news.url).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/tin-tuc/rss.xml"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    article = client.get(news.url + "ngay-hoi/").content.decode()
    assert 'href="/tin-tuc/atom.xml"' in article


def test_rss_has_a_channel_with_items_newest_first(client, news):
    response = client.get("/tin-tuc/rss.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("link") == "http://testserver/tin-tuc/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        'Ngày hội "Toàn dân học tập số" <script>alert(1)</script>',
        "Phát động phong trào",
    ]
    first = items[0]
    assert first.findtext("link") == "http://testserver/tin-tuc/ngay-hoi/"
    assert first.findtext("description") == "Bà con mang theo điện thoại & căn cước."
    assert first.findtext("pubDate")
    # Titles are text, never markup the reader would run.
    assert b"<script>" not in response.content


def test_atom_entries_have_id_title_updated_and_link(client, news):
    response = client.get("/tin-tuc/atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title")
    assert root.find(f"{ATOM}updated") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    entry = entries[0]
    assert entry.findtext(f"{ATOM}id") == "http://localhost/tin-tuc/ngay-hoi/"
    assert entry.findtext(f"{ATOM}title").startswith('Ngày hội "Toàn dân học tập số"')
    assert entry.findtext(f"{ATOM}updated")
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/tin-tuc/ngay-hoi/"
    assert entry.findtext(f"{ATOM}summary") == "Bà con mang theo điện thoại & căn cước."
    assert b"<script>" not in response.content


def test_the_feed_follows_publishing(client, news):
    assert "Tin mới" not in client.get("/tin-tuc/rss.xml").content.decode()
    make_news(news, title="Tin mới", slug="tin-moi")
    titles = [
        item.findtext("title")
        for item in ET.fromstring(client.get("/tin-tuc/rss.xml").content).iter("item")
    ]
    assert "Tin mới" in titles
