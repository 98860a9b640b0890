"""Finding the helpers of a village and asking them for help, signed in or not."""

import unicodedata

import pytest
from django.urls import reverse

from lms.models import HelpNeed, HelpRequest, HelpStatus
from tests.lms.factories import make_place
from tests.lms.help.conftest import listed

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.eager_tasks("the helpers' text messages are read from this process"),
]

HOME, ASK = reverse("lms:help_home"), reverse("lms:help_ask")


def ask(client, **values):
    data = {"need": HelpNeed.VNEID, "name": "Bà Nguyễn Thị Gái", "phone": "0914 222 301"}
    data.update(values)
    return client.post(ASK, data)


def test_a_learner_sees_the_helpers_of_their_own_village_only(client, world, learner_a1):
    listed(world.places["b1"], "Hồ Thị Thu", phone="+84905111205")
    client.force_login(learner_a1.user)
    page = client.get(HOME).content.decode()
    assert "Trương Thị Mai" in page
    assert 'href="tel:+84905111201"' in page
    assert 'href="https://zalo.me/0905111201"' in page
    assert "Tối thứ 2–6, 19:00–21:00" in page
    assert "Digital ambassador" in page
    assert "Lê Văn Tài" not in page  # Khóm 2
    assert "Hồ Thị Thu" not in page  # another commune
    # "My learning" leads there.
    assert HOME in client.get(reverse("lms:my_learning")).content.decode()


def test_an_inactive_helper_is_not_listed(client, world, learner_a1):
    world.listed_a1.active = False
    world.listed_a1.save()
    client.force_login(learner_a1.user)
    assert "Trương Thị Mai" not in client.get(HOME).content.decode()


def test_a_visitor_chooses_a_village_and_sees_its_helpers(client, world):
    page = client.get(HOME).content.decode()
    assert "Choose your village" in page
    assert "Khóm 2" in page and "Thôn Một" in page
    assert "Lê Văn Tài" not in page
    page = client.get(HOME, {"thon": world.places["a2"].pk}).content.decode()
    assert "Lê Văn Tài" in page and 'href="tel:+84905111202"' in page
    assert "Trương Thị Mai" not in page
    # A commune is not a village: nothing is shown for it.
    page = client.get(HOME, {"thon": world.places["commune_a"].pk}).content.decode()
    assert "Lê Văn Tài" not in page and "Trương Thị Mai" not in page


def test_the_footer_links_to_the_help_page(client, world):
    assert f'href="{HOME}"' in client.get(ASK).content.decode()


def test_a_visitor_asks_for_help_and_sees_what_happens_next(client, world, sms_outbox, tasks):
    with tasks.run():
        response = ask(
            client,
            village=world.places["a1"].pk,
            message=unicodedata.normalize("NFD", "Không nhận được mã kích hoạt"),
        )
    assert response.status_code == 302
    help_request = HelpRequest.objects.get()
    assert help_request.village == world.places["a1"]
    assert help_request.phone == "+84914222301"
    assert help_request.status == HelpStatus.OPEN
    assert help_request.requested_by is None
    assert help_request.message == "Không nhận được mã kích hoạt"  # NFC
    page = client.get(response.url).content.decode()
    assert "What happens next" in page and "0914 222 301" in page
    assert "Trương Thị Mai" in page
    # Only Khóm 1's helper is told.
    assert [m.to for m in sms_outbox] == ["+84905111201"]
    assert "Bà Nguyễn Thị Gái" in sms_outbox[0].body
    assert sms_outbox[0].body.endswith(f"/can-bo/yeu-cau-ho-tro/{help_request.pk}/")


def test_a_learner_asks_with_their_details_prefilled_and_follows_the_status(
    client, world, learner_a1, sms_outbox, tasks
):
    client.force_login(learner_a1.user)
    form = client.get(ASK).content.decode()
    assert 'value="Phạm Văn Bình"' in form and 'value="0912 345 678"' in form
    assert f'<option value="{world.places["a1"].pk}" selected>' in form
    with tasks.run():
        response = client.post(
            ASK,
            {
                "need": HelpNeed.PAYMENT,
                "village": world.places["a1"].pk,
                "name": "Phạm Văn Bình",
                "phone": "",
            },
        )
    assert response.status_code == 302
    help_request = HelpRequest.objects.get()
    assert help_request.learner == learner_a1
    assert help_request.requested_by == learner_a1.user
    page = client.get(HOME).content.decode()
    assert "Your requests for help" in page and "Waiting for a helper" in page


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"phone": ""}, "phone", "Leave a phone number"),
        ({"phone": "12345"}, "phone", "Enter a mobile number of 10 digits"),
        ({"message": "á" * 501}, "message", "Keep the message under 500 characters."),
        ({"need": ""}, "need", "Choose what you need help with."),
    ],
    ids=["no phone", "bad phone", "too long", "no need"],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    client, world, values, field, message, sms_outbox
):
    response = ask(client, village=world.places["a1"].pk, **values)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not HelpRequest.objects.exists()
    assert sms_outbox == []


def test_a_message_long_only_when_decomposed_is_accepted(client, world, tasks):
    # 500 letters "á" typed on an NFD keyboard are 1000 code points.
    with tasks.run():
        response = ask(
            client, village=world.places["a1"].pk, message=unicodedata.normalize("NFD", "á" * 500)
        )
    assert response.status_code == 302
    assert HelpRequest.objects.get().message == "á" * 500


def test_a_village_outside_this_sites_places_is_refused(client, world, sms_outbox):
    response = ask(client, village=999999)
    assert "not one of this site's villages" in " ".join(response.context["form"].errors["village"])
    response = ask(client, village=world.places["commune_a"].pk)  # a commune, not a village
    assert "not one of this site's villages" in " ".join(response.context["form"].errors["village"])
    assert not HelpRequest.objects.exists()
    assert sms_outbox == []


def test_the_service_refuses_a_place_that_is_not_a_village(world):
    from django.core.exceptions import ValidationError

    from lms.help.services import help_request_create

    with pytest.raises(ValidationError) as error:
        help_request_create(
            village=world.places["province"], need=HelpNeed.OTHER, name="Ai Đó", phone="0914222301"
        )
    assert "village" in error.value.error_dict
    assert not HelpRequest.objects.exists()


def test_anonymous_requests_are_rate_limited(client, world, tasks):
    with tasks.run():
        for _ in range(5):
            assert ask(client, village=world.places["a1"].pk).status_code == 302
    response = ask(client, village=world.places["a1"].pk)
    assert response.status_code == 429
    assert "Wait a while" in response.content.decode()
    assert HelpRequest.objects.count() == 5


def test_the_helpers_of_another_village_are_not_told(client, world, sms_outbox, tasks):
    other = make_place("19681-09", "Khóm 9", "village", world.places["commune_a"])
    listed(other, "Không Ai", phone="+84905999999")
    with tasks.run():
        ask(client, village=world.places["a2"].pk)
    assert [m.to for m in sms_outbox] == ["+84905111202"]
    # Telling again sends nothing (a retried task).
    from lms.help.notifications import help_request_notify

    assert help_request_notify(help_request_id=HelpRequest.objects.get().pk) == 0
    assert len(sms_outbox) == 1
