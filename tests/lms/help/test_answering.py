"""Helpers answer their own village's requests, and only those: taking,
closing with an outcome and the help log entry; managers see their villages'
requests and keep their villages' helpers."""

import pytest
from django.urls import reverse

from lms.help.services import help_request_create
from lms.models import (
    AmbassadorHelp,
    AuditAction,
    AuditEntry,
    HelpNeed,
    HelpRequest,
    HelpStatus,
    VillageHelper,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.eager_tasks("the helpers' text messages are sent in this process"),
]

LIST = reverse("lms:help_requests")


def detail(pk):
    return reverse("lms:help_request_detail", args=[pk])


def take(pk):
    return reverse("lms:help_request_take", args=[pk])


def close(pk):
    return reverse("lms:help_request_close", args=[pk])


def a_request(village, name="Bà Nguyễn Thị Gái", **values) -> HelpRequest:
    values.setdefault("need", HelpNeed.VNEID)
    values.setdefault("phone", "0914222301")
    return help_request_create(village=village, name=name, **values)


def as_user(client, user):
    client.force_login(user)
    return client


def test_a_helper_sees_their_villages_requests_only(client, world):
    mine = a_request(world.places["a1"], "Bà Của Khóm Một")
    a_request(world.places["a2"], "Ông Của Khóm Hai")
    page = as_user(client, world.helper_a1).get(LIST).content.decode()
    assert "Bà Của Khóm Một" in page
    assert "Ông Của Khóm Hai" not in page
    assert client.get(detail(mine.pk)).status_code == 200
    assert AuditEntry.objects.filter(
        actor=world.helper_a1, action=AuditAction.VIEW_HELP_REQUESTS
    ).exists()


def test_a_helper_without_a_grant_uses_the_requests_pages_of_their_village(client, world):
    theirs = a_request(world.places["a2"], "Ông Của Khóm Hai")
    a_request(world.places["a1"], "Bà Của Khóm Một")
    page = as_user(client, world.helper_a2).get(LIST).content.decode()
    assert "Ông Của Khóm Hai" in page and "Bà Của Khóm Một" not in page
    assert reverse("lms:helpers") not in page  # keeping helpers is for managers
    assert client.post(take(theirs.pk)).status_code == 302
    theirs.refresh_from_db()
    assert theirs.taken_by == world.helper_a2


def test_an_inactive_helper_sees_nothing(client, world):
    a_request(world.places["a1"], "Bà Của Khóm Một")
    VillageHelper.objects.filter(user=world.helper_a2).update(active=False)
    assert as_user(client, world.helper_a2).get(LIST).status_code == 403


def test_another_villages_request_is_a_404_and_cannot_be_taken_or_closed(client, world):
    theirs = a_request(world.places["a2"], "Ông Của Khóm Hai")
    as_user(client, world.helper_a1)
    assert client.get(detail(theirs.pk)).status_code == 404
    assert client.post(take(theirs.pk)).status_code == 404
    assert client.post(close(theirs.pk), {"outcome": "solved"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == HelpStatus.OPEN and theirs.taken_by is None
    assert not AmbassadorHelp.objects.exists()


def test_take_then_close_writes_the_help_log_linking_the_learner(client, world, learner_a1):
    help_request = a_request(
        world.places["a1"], "Phạm Văn Bình", user=learner_a1.user, learner=learner_a1
    )
    as_user(client, world.helper_a1)
    response = client.post(take(help_request.pk), follow=True)
    assert "You took this request" in response.content.decode()
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.TAKEN
    assert help_request.taken_by == world.helper_a1
    page = client.get(detail(help_request.pk)).content.decode()
    assert "Write it in the help log" in page
    response = client.post(close(help_request.pk), {"outcome": "solved", "log_help": "on"})
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.CLOSED and help_request.outcome == "solved"
    entry = AmbassadorHelp.objects.get()
    assert help_request.help_log == entry
    assert entry.helper == world.helper_a1
    assert entry.place == world.places["a1"]
    assert entry.outcome == "done"
    assert entry.learner == learner_a1
    assert set(
        AuditEntry.objects.filter(actor=world.helper_a1).values_list("action", flat=True)
    ) >= {AuditAction.TAKE_HELP_REQUEST, AuditAction.CLOSE_HELP_REQUEST}
    # The learner sees how it ended.
    as_user(client, learner_a1.user)
    page = client.get(reverse("lms:help_home")).content.decode()
    assert "Closed" in page and "Solved" in page


def test_could_not_reach_closes_without_a_log_entry(client, world):
    help_request = a_request(world.places["a1"])
    as_user(client, world.helper_a1)
    client.post(close(help_request.pk), {"outcome": "not_reached", "log_help": "on"})
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.CLOSED
    assert help_request.taken_by == world.helper_a1
    assert not AmbassadorHelp.objects.exists()


def test_closing_needs_an_outcome(client, world):
    help_request = a_request(world.places["a1"])
    response = as_user(client, world.helper_a1).post(close(help_request.pk), {})
    assert response.status_code == 400
    assert "Choose how it ended." in response.content.decode()
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.OPEN


def test_a_helper_without_a_grant_closes_without_the_log(client, world):
    help_request = a_request(world.places["a2"])
    as_user(client, world.helper_a2)
    assert "Write it in the help log" not in client.get(detail(help_request.pk)).content.decode()
    client.post(close(help_request.pk), {"outcome": "solved", "log_help": "on"})
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.CLOSED
    assert not AmbassadorHelp.objects.exists()


def test_a_second_helper_taking_it_is_told_who_has_it(client, world):
    from tests.lms.factories import staff
    from tests.lms.help.conftest import listed

    second = staff("ambassador", world.places["a1"], "tuan")
    second.first_name, second.last_name = "Mai", "Trương Thị"
    listed(world.places["a1"], "Đỗ Văn Tuấn", second)
    world.helper_a1.first_name, world.helper_a1.last_name = "Mai", "Trương Thị"
    world.helper_a1.save()
    help_request = a_request(world.places["a1"])
    as_user(client, world.helper_a1).post(take(help_request.pk))
    as_user(client, second)
    response = client.post(take(help_request.pk), follow=True)
    assert "has already taken this request" in response.content.decode()
    response = client.post(close(help_request.pk), {"outcome": "solved"}, follow=True)
    assert "has already taken this request" in response.content.decode()
    help_request.refresh_from_db()
    assert help_request.taken_by == world.helper_a1
    assert help_request.status == HelpStatus.TAKEN
    assert not AmbassadorHelp.objects.exists()


def test_a_manager_sees_the_communes_requests_but_leaves_them_to_helpers(client, world):
    in_a = a_request(world.places["a2"], "Ông Của Khóm Hai")
    in_b = a_request(world.places["b1"], "Bà Của Thôn Một")
    as_user(client, world.manager_a)
    page = client.get(LIST).content.decode()
    assert "Ông Của Khóm Hai" in page and "Bà Của Thôn Một" not in page
    assert reverse("lms:helpers") in page
    assert client.get(detail(in_b.pk)).status_code == 404
    assert client.post(take(in_a.pk)).status_code == 403
    in_a.refresh_from_db()
    assert in_a.status == HelpStatus.OPEN


def test_a_plain_learner_reaches_no_staff_page(client, world, learner_a1):
    help_request = a_request(world.places["a1"])
    as_user(client, learner_a1.user)
    assert client.get(LIST).status_code == 403
    assert client.get(detail(help_request.pk)).status_code == 403


# --- Managers keep their villages' helpers ------------------------------------------


def helper_values(village, **values):
    data = {
        "village": village.pk,
        "name": "Nguyễn Thị Hạnh",
        "role": "digital_team",
        "phone": "0905 111 203",
        "zalo": "",
        "hours": "Chiều thứ 3, 14:00–17:00",
        "active": "on",
        "sort_order": "1",
    }
    data.update(values)
    return data


def test_a_manager_adds_a_helper_in_their_commune_and_it_is_audited(client, world):
    as_user(client, world.manager_a)
    response = client.post(reverse("lms:helper_add"), helper_values(world.places["a2"]))
    assert response.status_code == 302
    helper = VillageHelper.objects.get(name="Nguyễn Thị Hạnh")
    assert helper.village == world.places["a2"] and helper.phone == "+84905111203"
    assert AuditEntry.objects.filter(actor=world.manager_a, action=AuditAction.SAVE_HELPER).exists()


def test_a_manager_cannot_add_or_edit_a_helper_outside_their_places(client, world):
    as_user(client, world.manager_b)
    response = client.post(reverse("lms:helper_add"), helper_values(world.places["a2"]))
    assert response.status_code == 200
    assert "Choose a village of your places" in " ".join(response.context["form"].errors["village"])
    edit = reverse("lms:helper_edit", args=[world.listed_a1.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, helper_values(world.places["b1"])).status_code == 404
    world.listed_a1.refresh_from_db()
    assert world.listed_a1.village == world.places["a1"]
    page = client.get(reverse("lms:helpers")).content.decode()
    assert "Trương Thị Mai" not in page


def test_a_helper_needs_a_valid_phone_or_zalo(client, world):
    as_user(client, world.manager_a)
    response = client.post(
        reverse("lms:helper_add"), helper_values(world.places["a1"], phone="12", zalo="")
    )
    assert "Enter a mobile number" in " ".join(response.context["form"].errors["phone"])
    response = client.post(
        reverse("lms:helper_add"), helper_values(world.places["a1"], phone="", zalo="")
    )
    assert "Give a phone number or a Zalo number." in " ".join(
        response.context["form"].errors["phone"]
    )
    assert not VillageHelper.objects.filter(name="Nguyễn Thị Hạnh").exists()


def test_a_trainer_does_not_keep_helpers(client, world):
    from tests.lms.factories import staff

    trainer = staff("trainer", world.places["a1"], "minh")
    assert as_user(client, trainer).get(reverse("lms:helpers")).status_code == 403
