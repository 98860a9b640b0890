"""An event world: the event index, one event held by commune A, learners
of Khóm 1, Khóm 2 (commune A) and Thôn Một (commune B), staff of both."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cms.demo import seed_site
from courses.models import EventIndexPage, EventPage, TargetGroup
from lms.models import EventHost, Learner, Place, Role
from tests.courses.factories import publish
from tests.lms.factories import LearnerFactory, place_tree, staff


def make_index() -> EventIndexPage:
    index = EventIndexPage.objects.first()
    if index is None:
        index = publish(seed_site(), EventIndexPage(title="Sự kiện", slug="su-kien"))
    return index


def make_event(
    *,
    title: str = "Ngày hội toàn dân học tập số",
    starts_in: datetime.timedelta = datetime.timedelta(days=3),
    hours: int = 4,
    place: Place | None = None,
    slug: str | None = None,
    **fields,
) -> EventPage:
    start = timezone.now() + starts_in
    fields.setdefault("summary", "Cả xã cùng học kỹ năng số.")
    fields.setdefault("venue", "Nhà văn hóa xã")
    event = publish(
        make_index(),
        EventPage(
            title=title,
            slug=slug or f"su-kien-{EventPage.objects.count() + 1}",
            start_at=start,
            end_at=start + datetime.timedelta(hours=hours),
            **fields,
        ),
    )
    if place is not None:
        EventHost.objects.update_or_create(event=event, defaults={"place": place})
    return event


@dataclass
class EventWorld:
    places: dict
    event: EventPage
    elderly: TargetGroup
    traders: TargetGroup
    lan: Learner  # Khóm 1, elderly
    duc: Learner  # Khóm 1, elderly and trader
    hoa: Learner  # Khóm 2, no group
    minh: Learner  # Thôn Một (commune B)
    trainer_a1: object
    manager_a: object
    ambassador_a: object
    manager_b: object


def event_world(**event_fields) -> EventWorld:
    places = place_tree()
    elderly = TargetGroup.objects.create(name="Người cao tuổi", slug="nguoi-cao-tuoi", sort_order=1)
    traders = TargetGroup.objects.create(name="Tiểu thương", slug="tieu-thuong", sort_order=2)
    lan = LearnerFactory(full_name="Nguyễn Thị Lan", village=places["a1"])
    duc = LearnerFactory(full_name="Trần Văn Đức", village=places["a1"])
    hoa = LearnerFactory(full_name="Lê Thị Hoa", village=places["a2"])
    minh = LearnerFactory(full_name="Phạm Văn Minh", village=places["b1"])
    lan.target_groups.set([elderly])
    duc.target_groups.set([elderly, traders])
    event = make_event(place=places["commune_a"], **event_fields)
    return EventWorld(
        places=places,
        event=event,
        elderly=elderly,
        traders=traders,
        lan=lan,
        duc=duc,
        hoa=hoa,
        minh=minh,
        trainer_a1=staff(Role.TRAINER, places["a1"]),
        manager_a=staff(Role.MANAGER, places["commune_a"]),
        ambassador_a=staff(Role.AMBASSADOR, places["commune_a"]),
        manager_b=staff(Role.MANAGER, places["commune_b"]),
    )
