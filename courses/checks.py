from django.conf import settings
from django.core import checks

from .conf import REGISTRY, SETTING_NAME


@checks.register(checks.Tags.compatibility)
def check_learning_layer_settings(app_configs=None, **kwargs):
    """Validate ``settings.HOCVUSO`` against the keys the apps declare."""
    value = getattr(settings, SETTING_NAME, {})
    if not isinstance(value, dict):
        return [checks.Error(f"settings.{SETTING_NAME} must be a dict.", id="hocvuso.E001")]
    errors: list = []
    known: set[str] = set()
    for options in REGISTRY.values():
        known.update(options)
        for key, option in options.items():
            if key in value and not option.validate(value[key]):
                errors.append(
                    checks.Error(
                        f"settings.{SETTING_NAME}[{key!r}] must be {option.expected}; "
                        f"got {value[key]!r}.",
                        hint=option.doc,
                        id="hocvuso.E002",
                    )
                )
    for key in sorted(set(value) - known):
        errors.append(
            checks.Warning(
                f"settings.{SETTING_NAME} has an unknown key {key!r}.",
                hint="Known keys: " + ", ".join(sorted(known)),
                id="hocvuso.W001",
            )
        )
    return errors
