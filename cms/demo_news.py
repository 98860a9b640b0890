"""Demo news, announcements and questions, moderated like the course catalogue.

Idempotent: pages, categories and permissions are found by slug or name
before anything is created, so running it again changes nothing."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import (
    Page,
    Workflow,
)

from courses.demo import EDITORS, MODERATORS, _image, _permissions, review_workflow

from .models import FaqPage, NewsCategory, NewsIndexPage, NewsPage

NEWS_TITLE = "Tin tức"
NEWS_SLUG = "tin-tuc"
FAQ_TITLE = "Hỏi đáp"
FAQ_SLUG = "hoi-dap"
WORKFLOW_NAME = "Duyệt tin tức và hỏi đáp"

CATEGORIES = [
    ("Thông báo", "thong-bao"),
    ("Phong trào", "phong-trao"),
    ("Dịch vụ công", "dich-vu-cong"),
]


def _articles(today: datetime.date) -> list[dict]:
    year = today.year if today <= datetime.date(today.year, 10, 10) else today.year + 1
    return [
        {
            "slug": "ngay-hoi-toan-dan-hoc-tap-so",
            "title": "Ngày hội “Toàn dân học tập số” 10/10",
            "date": today,
            "categories": ["thong-bao", "phong-trao"],
            "image": ("Ngày hội toàn dân học tập số", (11, 79, 138)),
            "image_alt": "Hình minh họa một chiếc điện thoại trên nền xanh.",
            "summary": (
                f"Sáng 10/10/{year}, xã tổ chức Ngày hội “Toàn dân học tập số” tại nhà văn hóa "
                "xã: hướng dẫn cài VNeID, thanh toán bằng mã QR và nhận diện lừa đảo."
            ),
            "body": (
                f"<p>Hưởng ứng Ngày Chuyển đổi số quốc gia, sáng 10/10/{year} Ủy ban nhân dân xã "
                "tổ chức Ngày hội “Toàn dân học tập số” tại nhà văn hóa xã, từ 7 giờ 30.</p>"
                "<h2>Bà con được hướng dẫn</h2><ul>"
                "<li>Cài đặt và kích hoạt tài khoản định danh điện tử VNeID mức 2;</li>"
                "<li>Nộp hồ sơ trên Cổng Dịch vụ công quốc gia;</li>"
                "<li>Thanh toán không dùng tiền mặt bằng mã QR;</li>"
                "<li>Nhận diện cuộc gọi, tin nhắn lừa đảo.</li></ul>"
                "<p>Bà con nhớ mang theo điện thoại và căn cước. Tổ công nghệ số cộng đồng các "
                "thôn sẽ có mặt để hỗ trợ tận tay.</p>"
            ),
            "loudspeaker_text": (
                "Thông báo của Ủy ban nhân dân xã. "
                f"Sáng ngày 10 tháng 10 năm {year}, từ 7 giờ 30, tại nhà văn hóa xã tổ chức Ngày "
                "hội Toàn dân học tập số. Bà con sẽ được hướng dẫn cài ứng dụng VNeID, làm thủ "
                "tục trên mạng, trả tiền bằng mã QR và cách phòng tránh lừa đảo. Đề nghị bà con "
                "mang theo điện thoại và căn cước. Xin trân trọng thông báo."
            ),
        },
        {
            "slug": "phong-trao-binh-dan-hoc-vu-so",
            "title": "Phong trào “Bình dân học vụ số”: không để ai bị bỏ lại phía sau",
            "date": today - datetime.timedelta(days=7),
            "categories": ["phong-trao"],
            "summary": (
                "Phong trào giúp mọi người dân có kỹ năng số cơ bản: dùng điện thoại an toàn, "
                "làm thủ tục trực tuyến và thanh toán không dùng tiền mặt."
            ),
            "body": (
                "<p>Phong trào “Bình dân học vụ số” được phát động trên cả nước nhằm phổ cập "
                "kiến thức và kỹ năng số cho toàn dân. Ở xã ta, tổ công nghệ số cộng đồng tại "
                "mỗi thôn, đoàn viên thanh niên và các đại sứ số hướng dẫn bà con tận nhà.</p>"
                "<p>Các bài học trên trang này ngắn, dễ hiểu, học được trên điện thoại. Học xong, "
                "bà con nhận chứng nhận của xã và có thể học tiếp các khóa trên nền tảng quốc "
                "gia.</p>"
            ),
            "loudspeaker_text": (
                "Phong trào Bình dân học vụ số giúp mọi người dân biết dùng điện thoại an toàn, "
                "làm thủ tục trên mạng và trả tiền không dùng tiền mặt. Bà con cần giúp đỡ xin "
                "liên hệ tổ công nghệ số cộng đồng ở thôn mình."
            ),
        },
        {
            "slug": "lich-ho-tro-cai-vneid-tai-thon",
            "title": "Lịch hỗ trợ cài VNeID tại các thôn trong tháng",
            "date": today - datetime.timedelta(days=14),
            "categories": ["thong-bao", "dich-vu-cong"],
            "summary": (
                "Tổ công nghệ số cộng đồng hỗ trợ cài và kích hoạt VNeID vào tối thứ Bảy hằng "
                "tuần tại nhà văn hóa các thôn."
            ),
            "body": (
                "<p>Tối thứ Bảy hằng tuần, từ 19 giờ, tổ công nghệ số cộng đồng có mặt tại nhà "
                "văn hóa các thôn để hỗ trợ bà con cài đặt, kích hoạt và sử dụng ứng dụng "
                "VNeID.</p><p>Người cao tuổi, người khuyết tật cần hỗ trợ tại nhà xin báo "
                "trưởng thôn.</p>"
            ),
            "loudspeaker_text": (
                "Tối thứ Bảy hằng tuần, từ 19 giờ, tại nhà văn hóa thôn có người hướng dẫn cài "
                "ứng dụng VNeID. Người già, người khuyết tật cần giúp tại nhà xin báo trưởng "
                "thôn."
            ),
        },
    ]


FAQ_SECTIONS = [
    (
        "VNeID",
        [
            (
                "Tài khoản định danh điện tử mức 2 dùng để làm gì?",
                "<p>Tài khoản mức 2 thay cho căn cước khi làm nhiều thủ tục, đăng nhập Cổng "
                "Dịch vụ công quốc gia và xuất trình giấy tờ trên điện thoại.</p>",
            ),
            (
                "Tôi quên mật khẩu VNeID thì làm thế nào?",
                "<p>Trong ứng dụng VNeID, chọn “Quên mật khẩu”, nhập số định danh cá nhân và "
                "số điện thoại đã đăng ký, rồi làm theo hướng dẫn. Nếu không được, hãy đến "
                "công an xã.</p>",
            ),
        ],
    ),
    (
        "Dịch vụ công trực tuyến",
        [
            (
                "Làm thủ tục trên mạng có mất phí không?",
                "<p>Nhiều thủ tục được miễn hoặc giảm lệ phí khi nộp trực tuyến. Mức phí hiện "
                "ngay trên Cổng Dịch vụ công trước khi bà con nộp.</p>",
            ),
            (
                "Nộp hồ sơ xong, tôi xem kết quả ở đâu?",
                "<p>Vào mục “Quản lý hồ sơ” trên Cổng Dịch vụ công hoặc trong ứng dụng VNeID. "
                "Bà con cũng nhận tin nhắn khi hồ sơ có kết quả.</p>",
            ),
        ],
    ),
    (
        "Bài học trên trang này",
        [
            (
                "Học trên trang này có mất tiền không?",
                "<p>Không. Mọi bài học đều miễn phí. Bà con chỉ cần điện thoại có mạng.</p>",
            ),
            (
                "Học xong tôi có được chứng nhận không?",
                "<p>Có. Hoàn thành một khóa học, bà con nhận chứng nhận của xã, xem và in "
                "được trong mục “Chứng chỉ của tôi”.</p>",
            ),
        ],
    ),
    (
        "Ứng dụng thanh toán",
        [
            (
                "Quét mã QR để trả tiền có an toàn không?",
                "<p>An toàn nếu bà con kiểm tra đúng tên người nhận và số tiền trước khi bấm "
                "xác nhận, và không bao giờ đọc mã OTP cho người khác.</p>",
            ),
            (
                "Chuyển nhầm tiền thì phải làm sao?",
                "<p>Gọi ngay tổng đài của ngân hàng hoặc ví điện tử để được hướng dẫn, và "
                "không chuyển thêm tiền cho người tự xưng là nhân viên hỗ trợ.</p>",
            ),
        ],
    ),
]


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def seed_news_workflow(*pages: Page) -> Workflow:
    """As the catalogue: editors write and submit news and questions,
    moderators approve and publish (the same approval task)."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    snippet_perms = {editors: ("add", "change"), moderators: ("add", "change", "delete")}
    for group in (editors, moderators):
        group.permissions.add(*_permissions(NewsCategory, *snippet_perms[group]))
    return review_workflow(WORKFLOW_NAME, *pages)


def seed_news(home: Page) -> NewsIndexPage:
    index = NewsIndexPage.objects.filter(slug=NEWS_SLUG).first()
    if index is None:
        index = _publish(
            home,
            NewsIndexPage(
                title=NEWS_TITLE,
                slug=NEWS_SLUG,
                intro="<p>Thông báo của xã và tin về phong trào “Bình dân học vụ số”.</p>",
            ),
        )
    categories = {}
    for name, slug in CATEGORIES:
        categories[slug], _ = NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})
    for data in _articles(timezone.localdate()):
        if NewsPage.objects.filter(slug=data["slug"]).exists():
            continue
        data = dict(data)
        slugs = data.pop("categories")
        image = data.pop("image", None)
        page = NewsPage(**data)
        if image is not None:
            page.image = _image(*image)
        index.add_child(instance=page)
        page.categories.set([categories[slug] for slug in slugs])
        page.save_revision().publish()
    return index


def seed_faq(home: Page) -> FaqPage:
    faq = FaqPage.objects.filter(slug=FAQ_SLUG).first()
    if faq is None:
        sections = [
            (
                "section",
                {
                    "heading": heading,
                    "questions": [{"question": q, "answer": a} for q, a in questions],
                },
            )
            for heading, questions in FAQ_SECTIONS
        ]
        faq = _publish(
            home,
            FaqPage(
                title=FAQ_TITLE,
                slug=FAQ_SLUG,
                intro="<p>Những câu hỏi bà con hay hỏi. Bấm vào câu hỏi để xem câu trả lời.</p>",
                sections=sections,
            ),
        )
    return faq


@transaction.atomic
def seed_news_and_faq(home: Page) -> NewsIndexPage:
    """The news index, a few articles and the questions page, under ``home``.
    Run after the courses' seed (which sets the editors' page permissions)."""
    index = seed_news(home)
    faq = seed_faq(home)
    seed_news_workflow(index, faq)
    return index
