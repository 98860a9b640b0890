"""What an event page shows of the learner: signed up or not, the buttons
to sign up or cancel. Anonymous visitors get a sign-in link and no form (no
CSRF token), so their page stays in the anonymous page cache."""

from __future__ import annotations

from django import template
from django.utils import timezone

from lms.events.selectors import registration_for
from lms.people.passes import learner_pass
from lms.people.selectors import learner_for
from lms.qr import qr_svg

register = template.Library()


@register.inclusion_tag("lms/events/signup_status.html", takes_context=True)
def event_signup_status(context):
    request = context["request"]
    page = context["page"]
    learner = learner_for(request.user)
    now = timezone.now()
    return {
        "request": request,
        "page": page,
        "signed_in": request.user.is_authenticated,
        "learner": learner,
        "registration": registration_for(page, learner),
        "started": page.has_started(now),
        "ended": page.has_ended(now),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("lms/events/learner_pass.html")
def learner_pass_qr(learner):
    """The learner's pass as a QR code and as text, to show at an event's door."""
    if learner is None:
        return {"learner": None}
    code = learner_pass(learner)
    return {"learner": learner, "code": code, "qr_svg": qr_svg(code, box_size=6)}
