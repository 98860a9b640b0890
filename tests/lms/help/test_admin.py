"""Editors keep every village's helpers as a Wagtail snippet: phones are
checked and kept in one form, a commune is not a village."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from lms.models import VillageHelper
from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_lms_villagehelper:add"


@pytest.fixture
def admin_client(client):
    admin = UserFactory(username="quan-tri", is_superuser=True, is_staff=True)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(admin)
    return client


def values(village, **changes):
    data = {
        "village": village.pk,
        "name": "Nguyễn Thị Hạnh",
        "role": "digital_team",
        "phone": "0905 111 203",
        "zalo": "",
        "hours": "Chiều thứ 3, 14:00–17:00",
        "active": "on",
        "sort_order": "0",
    }
    data.update(changes)
    return data


def test_an_editor_adds_a_helper_with_the_phone_kept_in_one_form(admin_client, places):
    response = admin_client.post(reverse(ADD), values(places["b2"]))
    assert response.status_code == 302
    helper = VillageHelper.objects.get()
    assert helper.phone == "+84905111203" and helper.village == places["b2"]


@pytest.mark.parametrize(
    "changes, field",
    [({"phone": "123"}, "phone"), ({"phone": "", "zalo": ""}, "phone")],
    ids=["bad phone", "no contact"],
)
def test_bad_helper_details_are_refused_in_the_admin(admin_client, places, changes, field):
    response = admin_client.post(reverse(ADD), values(places["a1"], **changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not VillageHelper.objects.exists()


def test_a_commune_is_not_offered_as_a_helpers_village(admin_client, places):
    response = admin_client.post(reverse(ADD), values(places["commune_a"]))
    assert response.context["form"].errors["village"]
    assert not VillageHelper.objects.exists()
