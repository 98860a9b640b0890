from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Learning records")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            conf,  # noqa: F401  (declares the app's settings keys)
            xapi,  # noqa: F401  (adds xAPI statements to the data download)
        )
        from .certificates import exports, handlers  # noqa: F401  (download; issue on completion)
        from .services import (
            digital_families,  # noqa: F401  (rebuilds the summary when its definition changes)
            national,  # noqa: F401  (national claims: data download, file cleanup)
            privacy,  # noqa: F401  (registers the people exporters/erasers)
            target_groups,  # noqa: F401  (keeps the learners' target group masks)
        )
