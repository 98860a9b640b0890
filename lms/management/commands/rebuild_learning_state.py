"""Rebuild lesson, course and 4T program progress from the learning event log
(and the tallies, target group masks and digital-family summary the reports read)."""

from django.core.management.base import BaseCommand

from lms.learning.services.records import learning_state_rebuild


class Command(BaseCommand):
    help = (
        "Recompute every learner's lesson, course and 4T program progress from the "
        "append-only event log (and the tallies, target group masks and digital-family "
        "summary the reports read), in one transaction. No certificates are issued."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--learner", type=int, action="append", dest="learners", help="Only this learner id."
        )

    def handle(self, *args, learners=None, **options):
        count = learning_state_rebuild(learner_ids=learners)
        self.stdout.write(self.style.SUCCESS(f"Replayed {count} learning events."))
