"""Queued messages and the beat schedule name tasks by string: the names a
running site has already queued must still find the same work after a task
moved into a feature room."""

from cms.celery import app
from lms.certificates.tasks import certificate_issue_task
from lms.help.tasks import notify_help_request
from lms.learning.tasks import rebuild_digital_skills
from lms.national.tasks import notify_certificate_decision, prepare_certificate_photo
from lms.reports.tasks import generate_quarterly_report, send_quarterly_reminders

NAMES = {
    "lms.certificates.tasks.certificate_issue_task": certificate_issue_task,
    "lms.tasks.prepare_certificate_photo": prepare_certificate_photo,
    "lms.tasks.notify_certificate_decision": notify_certificate_decision,
    "lms.tasks.generate_quarterly_report": generate_quarterly_report,
    "lms.tasks.send_quarterly_reminders": send_quarterly_reminders,
    "lms.tasks.rebuild_digital_skills": rebuild_digital_skills,
    "lms.tasks.notify_help_request": notify_help_request,
}


def test_a_worker_finds_every_task_under_the_name_it_was_queued_with():
    # What a worker imports when it starts: the app's autodiscovered modules.
    app.loader.import_default_modules()
    registered = {name for name in app.tasks if name.startswith("lms.")}
    assert registered == set(NAMES)
    for name, task in NAMES.items():
        assert app.tasks[name].run is task.run
