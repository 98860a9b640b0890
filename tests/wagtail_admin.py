"""What Wagtail's admin answers a signed-in account that may not do something."""

from django.contrib.messages import get_messages
from django.urls import reverse


def assert_refused(response) -> None:
    """Sent back to the admin's dashboard with an error message: not asked to
    sign in, not shown the page or form it asked for."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")
    # (A message an earlier refusal left unread may still be there too.)
    levels = {message.level_tag for message in get_messages(response.wsgi_request)}
    assert levels == {"error"}, levels
