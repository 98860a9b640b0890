"""Completion views: by class (learners × lessons), by place (province →
commune → village → learners), by course, by target group, a learner's
events; always within the viewer's scope, with a validated period."""

import pytest
from django.urls import reverse

from lms.models import AuditAction, AuditEntry
from tests.lms.classes_helpers import MARCH, class_trainer, complete, table

pytestmark = pytest.mark.django_db


def test_class_matrix_ticks_lessons_with_dates_and_totals(client, world):
    client.force_login(world.trainer_a1)
    response = client.get(reverse("lms:report_class", args=[world.class_a1.pk]))
    rows = table(response)
    assert rows[0] == [
        "Learner",
        "Village",
        "Đăng ký ví điện tử",
        "Quét mã QR",
        "Kiểm tra số dư",
        "Lessons completed",
        "Share of lessons",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Nguyễn Thị Lan"][2:] == ["✓ 05/03/2026"] * 3 + ["3", "100.0 %"]
    assert by_name["Trần Văn Đức"][2:] == ["✓ 10/06/2026", "–", "–", "1", "33.3 %"]
    assert by_name["Lê Thị Hoa"][2:] == ["–", "–", "–", "0", "0.0 %"]
    assert rows[-1] == ["Learners who completed it", "", "2", "1", "1", "4", "44.4 %"]
    assert "Phạm Văn Bình" not in response.content.decode()  # not in the class
    assert AuditEntry.objects.filter(actor=world.trainer_a1, action=AuditAction.VIEW_LIST).exists()


def test_class_matrix_period_filter(client, world):
    client.force_login(world.trainer_a1)
    url = reverse("lms:report_class", args=[world.class_a1.pk])
    rows = table(client.get(url, {"from": "2026-06-01", "to": "30/06/2026"}))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Nguyễn Thị Lan"][5] == "0"
    assert by_name["Trần Văn Đức"][5] == "1"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-06-30", "to": "2026-06-01"}, "The period runs backwards"),
        ({"from": "1900-01-01"}, "Choose a date between 01/01/2000"),
        ({"to": "9999-12-31"}, "Choose a date between 01/01/2000"),
        ({"from": "31/02/2026"}, "Write the date as dd/mm/yyyy"),
    ],
)
def test_bad_periods_get_a_clear_message_and_no_figures(client, world, params, message):
    client.force_login(world.trainer_a1)
    url = reverse("lms:report_class", args=[world.class_a1.pk])
    response = client.get(url, params)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Nguyễn Thị Lan" not in page
    export = client.get(url, {**params, "format": "csv"})
    assert export.status_code == 400
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_class_matrix_queries_do_not_grow_with_learners(
    client, world, django_assert_max_num_queries
):
    from tests.lms.classes_helpers import learners

    client.force_login(world.trainer_a1)
    url = reverse("lms:report_class", args=[world.class_a1.pk])
    client.get(url)

    def count():
        with django_assert_max_num_queries(30) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    small = count()
    extra = learners(world.places["a1"], [f"Người Học {n}" for n in range(30)])
    world.class_a1.learners.add(*extra)
    for learner in extra[:10]:
        complete(learner, world.lessons[:2], MARCH)
    assert count() <= small + 1  # 30 more learners: per-learner queries would add 30+


def test_place_drill_down_from_commune_to_villages_to_learners(client, world):
    client.force_login(world.manager_a)
    response = client.get(reverse("lms:report_place", args=[world.places["commune_a"].pk]))
    rows = table(response)
    assert rows[0][0] == "Place"
    by_place = {row[0]: row[1:] for row in rows[1:]}
    # learners, who completed a lesson, lessons, who completed a course, share, courses
    assert by_place["Khóm 1"] == ["3", "2", "4", "1", "33.3 %", "1"]
    assert by_place["Khóm 2"] == ["1", "1", "2", "0", "0.0 %", "0"]
    assert by_place["Total"] == ["4", "3", "6", "1", "25.0 %", "1"]
    assert "Thôn Một" not in response.content.decode()
    village = client.get(reverse("lms:report_place", args=[world.places["a1"].pk]))
    rows = table(village)
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name["Nguyễn Thị Lan"] == ["1970", "3", "1", "05/03/2026"]
    assert by_name["Lê Thị Hoa"] == ["1970", "0", "0", ""]
    assert (
        AuditEntry.objects.filter(action=AuditAction.VIEW_LIST, actor=world.manager_a).count() == 1
    )


def test_province_rolls_up_communes_for_an_administrator(client, world, admin_user):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(admin_user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(admin_user)
    rows = table(client.get(reverse("lms:report_place", args=[world.places["province"].pk])))
    by_place = {row[0]: row[1:] for row in rows[1:]}
    assert by_place["Xã Diên Sanh"][:3] == ["4", "3", "6"]
    assert by_place["Xã Hải Lăng"][:3] == ["2", "1", "3"]
    assert by_place["Total"][:3] == ["6", "4", "9"]


def test_place_view_period_counts_only_completions_in_it(client, world):
    client.force_login(world.manager_a)
    rows = table(
        client.get(
            reverse("lms:report_place", args=[world.places["commune_a"].pk]),
            {"from": "2026-06-01", "to": "2026-06-30"},
        )
    )
    by_place = {row[0]: row[1:] for row in rows[1:]}
    assert by_place["Khóm 1"] == ["3", "1", "1", "0", "0.0 %", "0"]


def test_by_course_and_by_target_group(client, world):
    client.force_login(world.manager_a)
    rows = table(
        client.get(reverse("lms:report_place_courses", args=[world.places["commune_a"].pk]))
    )
    assert rows[1] == ["Thanh toán không dùng tiền mặt", "3", "1", "33.3 %"]
    rows = table(
        client.get(reverse("lms:report_place_groups", args=[world.places["commune_a"].pk]))
    )
    assert rows[1] == ["Người cao tuổi", "2", "1", "50.0 %"]


def test_a_place_outside_scope_is_a_404_that_leaks_nothing(client, world):
    client.force_login(world.trainer_a1)
    for name in ("commune_a", "a2", "b1", "province"):
        for view in ("lms:report_place", "lms:report_place_courses", "lms:report_place_groups"):
            for params in ({}, {"format": "csv"}, {"format": "xlsx"}):
                response = client.get(reverse(view, args=[world.places[name].pk]), params)
                assert response.status_code == 404, (name, view, params)
                assert world.places[name].name not in response.content.decode()
    assert client.get(reverse("lms:report_place", args=[world.places["a1"].pk])).status_code == 200
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_class_outside_scope_is_a_404(client, world):
    client.force_login(world.trainer_a1)
    url = reverse("lms:report_class", args=[world.class_b1.pk])
    assert client.get(url).status_code == 404
    assert client.get(url, {"format": "csv"}).status_code == 404


def test_a_class_trainer_sees_their_class_report_and_its_learners_only(client, world):
    volunteer = class_trainer()
    world.class_a1.trainers.add(volunteer)
    client.force_login(volunteer)
    home = client.get(reverse("lms:report_home"))
    assert world.class_a1.name in home.content.decode()
    assert world.class_b1.name not in home.content.decode()
    assert client.get(reverse("lms:report_class", args=[world.class_a1.pk])).status_code == 200
    assert client.get(reverse("lms:report_place", args=[world.places["a1"].pk])).status_code == 404
    lan = world.learners_a1[0]
    assert client.get(reverse("lms:report_learner", args=[lan.pk])).status_code == 200
    outsider = world.learners_a2[0]
    assert client.get(reverse("lms:report_learner", args=[outsider.pk])).status_code == 404


def test_report_home_goes_straight_to_the_only_place(client, world):
    client.force_login(world.trainer_a1)
    response = client.get(reverse("lms:report_home"))
    assert response["Location"] == reverse("lms:report_place", args=[world.places["a1"].pk])


def test_learner_detail_shows_events_and_is_audited(client, world):
    lan = world.learners_a1[0]
    client.force_login(world.trainer_a1)
    response = client.get(reverse("lms:report_learner", args=[lan.pk]))
    page = response.content.decode()
    assert "Thanh toán không dùng tiền mặt" in page
    assert "05/03/2026 10:00" in page and "Quét mã QR" in page
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_LEARNER)
    assert entry.learner_id == lan.pk and entry.actor == world.trainer_a1
    other = world.learners_b1[0]
    assert client.get(reverse("lms:report_learner", args=[other.pk])).status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.VIEW_LEARNER).count() == 1
