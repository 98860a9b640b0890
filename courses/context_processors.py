from .conf import courses_settings


def hocvuso(request):
    """The host's base template name, so app templates can extend it."""
    return {"hocvuso_base_template": courses_settings.BASE_TEMPLATE}
