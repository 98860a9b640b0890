from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Learning records")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.certificates import exports, signal_handlers  # noqa: F401  (download; issue on completion)
        from lms.learning import signal_handlers as learning_signal_handlers  # noqa: F401  (summaries)
        from lms.people import signal_handlers as people_signal_handlers  # noqa: F401  (copies)
        from lms.reports import signal_handlers as reports_signal_handlers  # noqa: F401  (counters)
