"""Demo events: the events list and the yearly 10/10 "Ngày hội toàn dân học
tập số" on the next 10 October, reviewed like the catalogue's pages."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .demo import WORKFLOW_NAME, review_workflow
from .models import CoursePage, EventIndexPage, EventPage, FourTProgramPage, TargetGroup

INDEX_SLUG = "su-kien"
DAY_SLUG = "ngay-hoi-toan-dan-hoc-tap-so"
DAY_TITLE = "Ngày hội toàn dân học tập số 10/10"
DAY_VENUE = "Nhà văn hóa xã Diên Sanh"
DAY_CAPACITY = 200
DAY_LENGTH = datetime.timedelta(hours=4)
DAY_GROUPS = ["nguoi-dan", "nguoi-cao-tuoi", "tieu-thuong-nong-dan"]
DAY_COURSES = ["dung-dien-thoai-an-toan", "nhan-dien-lua-dao", "thanh-toan-ma-qr"]
DAY_PROGRAMME = [
    ("07:30", "Đón khách, điểm danh bằng mã QR"),
    ("08:00", "Khai mạc Ngày Chuyển đổi số quốc gia"),
    ("08:30", "Các góc học: cài VNeID, thanh toán bằng mã QR, nhận diện lừa đảo"),
    ("10:00", "Tổ công nghệ số cộng đồng hỗ trợ từng người"),
    ("11:00", "Trao giấy chứng nhận, bế mạc"),
]


def next_ten_october(now: datetime.datetime | None = None) -> datetime.datetime:
    """7:30 on the next 10 October (this year's until its day is over)."""
    now = timezone.localtime(now or timezone.now())
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime(now.year, 10, 10, 7, 30), tz)
    if start + DAY_LENGTH <= now:
        start = timezone.make_aware(datetime.datetime(now.year + 1, 10, 10, 7, 30), tz)
    return start


def _review_like_the_catalogue(index: EventIndexPage) -> None:
    """Editors write events and submit them; moderators publish (the
    catalogue's workflow)."""
    review_workflow(WORKFLOW_NAME, index)


@transaction.atomic
def seed_events(home: Page) -> EventPage:
    index = EventIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Sự kiện",
                slug=INDEX_SLUG,
                intro="<p>Ngày hội, buổi hướng dẫn và các buổi hỗ trợ kỹ năng số của xã.</p>",
            )
        )
        index.save_revision().publish()
    _review_like_the_catalogue(index)
    day = EventPage.objects.filter(slug=DAY_SLUG).first()
    if day is not None:
        return day
    start = next_ten_october()
    day = EventPage(
        title=DAY_TITLE,
        slug=DAY_SLUG,
        summary=(
            "Ngày Chuyển đổi số quốc gia: cả xã cùng học kỹ năng số, "
            "có tổ công nghệ số hỗ trợ từng người."
        ),
        start_at=start,
        end_at=start + DAY_LENGTH,
        venue=DAY_VENUE,
        capacity=DAY_CAPACITY,
        programme=[
            ("item", {"time": datetime.time.fromisoformat(time), "item": item})
            for time, item in DAY_PROGRAMME
        ],
        description=(
            "<p>Mang theo điện thoại đã sạc pin và căn cước công dân. "
            "Người cao tuổi được ưu tiên hỗ trợ.</p>"
        ),
    )
    index.add_child(instance=day)
    day.target_groups.set(TargetGroup.objects.filter(slug__in=DAY_GROUPS))
    day.courses.set(CoursePage.objects.filter(slug__in=DAY_COURSES))
    day.programs.set(FourTProgramPage.objects.all()[:1])
    day.save_revision().publish()
    return day
