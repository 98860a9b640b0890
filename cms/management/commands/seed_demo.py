from django.core.management.base import BaseCommand

from cms.demo import seed_home_sections, seed_site
from cms.demo_news import seed_news_and_faq
from courses.demo import seed_courses
from courses.demo_events import seed_events
from lms.demo.classes import seed_classes
from lms.demo.events import seed_event_signups
from lms.demo.help import seed_help
from lms.demo.learning import seed_learning
from lms.demo.people import seed_accounts


class Command(BaseCommand):
    help = "Create the demo site, content and one account per role. Safe to run again."

    def handle(self, *args, **options):
        home = seed_site()
        seed_courses(home)
        home = seed_home_sections(home)
        seed_news_and_faq(home)
        seed_events(home)
        users = seed_accounts()
        seed_classes()
        seed_learning()
        seed_help()
        seed_event_signups()
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready: home page '{home.title}', {len(users)} accounts.")
        )
