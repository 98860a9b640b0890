"""The demo's village helpers: the demo helper account answers Khóm 1's
requests on the staff pages, the demo learner sees Khóm 1's helpers, editors
keep helpers in the admin; seeding again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from lms.access.policy import help_requests_for
from lms.demo.help import HELPER_NAME, HELPER_USERNAME, HELPERS, REQUESTS
from lms.models import HelpRequest, HelpStatus, VillageHelper

pytestmark = pytest.mark.django_db


def test_demo_helpers_and_requests_and_seeding_twice_changes_nothing(demo_site, client):
    assert VillageHelper.objects.count() == len(HELPERS)
    helper = VillageHelper.objects.get(name=HELPER_NAME)
    assert helper.user.username == HELPER_USERNAME
    open_requests = HelpRequest.objects.filter(status=HelpStatus.OPEN)
    assert open_requests.count() == len(REQUESTS)
    assert set(help_requests_for(helper.user)) == set(open_requests)
    call_command("seed_demo", stdout=io.StringIO())
    assert VillageHelper.objects.count() == len(HELPERS)
    assert HelpRequest.objects.count() == len(REQUESTS)
    client.force_login(helper.user)
    assert client.get(reverse("lms:help_requests")).status_code == 200


def test_demo_editors_may_keep_helpers(demo_site):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="editor")
    assert editor.has_perm("lms.change_villagehelper")
    assert editor.has_perm("lms.add_villagehelper")
