"""The page-weight measurement counts what a phone would download."""

import pytest

from bench import weight

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_weighs_its_html_and_stylesheet(live_server, demo_site):
    measured = weight.measure(live_server.url, "/")
    kinds = [resource.kind for resource in measured.resources]
    assert kinds[0] == "html"
    assert "css" in kinds
    assert all(resource.status == 200 for resource in measured.resources)
    assert measured.requests == len(measured.resources)
    html = measured.resources[0]
    assert html.raw_bytes > 0
    assert 0 < measured.html_gzip_bytes < html.raw_bytes


def test_media_and_scripts_are_told_apart():
    parser = weight._Links()
    parser.feed(
        '<link rel="stylesheet" href="/static/a.css"><script src="/static/b.js"></script>'
        '<img src="/media/c.jpg" srcset="/media/c-2x.jpg 2x"><link rel="icon" href="/f.ico">'
        '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>'
    )
    assert parser.assets == [("css", "/static/a.css"), ("js", "/static/b.js")]
    assert parser.media == [
        "/media/c.jpg",
        "/media/c-2x.jpg",
        "/f.ico",
        "https://www.youtube-nocookie.com/embed/x",
    ]
