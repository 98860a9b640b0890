"""The questions page: sections of questions that open without JavaScript."""

import pytest

from cms.demo import seed_site
from cms.models import FaqPage

pytestmark = pytest.mark.django_db


def test_questions_render_as_details_under_their_section(client):
    home = seed_site()
    faq = FaqPage(
        title="Hỏi đáp",
        slug="hoi-dap",
        sections=[
            (
                "section",
                {
                    "heading": "VNeID",
                    "questions": [
                        {
                            "question": "Quên mật khẩu VNeID thì sao?",
                            "answer": "<p>Chọn <b>Quên mật khẩu</b>.</p>",
                        }
                    ],
                },
            )
        ],
    )
    home.add_child(instance=faq)
    faq.save_revision().publish()
    html = client.get(faq.url).content.decode()
    assert "<h2>VNeID</h2>" in html
    assert '<summary class="faq-item__question">Quên mật khẩu VNeID thì sao?</summary>' in html
    assert "<p>Chọn <b>Quên mật khẩu</b>.</p>" in html
    assert html.index("<details") < html.index("Chọn <b>")
