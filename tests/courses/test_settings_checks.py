from courses.checks import check_learning_layer_settings
from courses.conf import courses_settings


def test_defaults_apply_when_the_host_sets_nothing(settings):
    settings.HOCVUSO = {}
    assert courses_settings.BASE_TEMPLATE == "base.html"
    assert courses_settings.NATIONAL_COURSE_HOSTS == ["binhdanhocvuso.gov.vn"]
    assert check_learning_layer_settings() == []


def test_host_values_override_defaults(settings):
    settings.HOCVUSO = {"NATIONAL_COURSE_HOSTS": ["hoc.example.vn"]}
    assert courses_settings.NATIONAL_COURSE_HOSTS == ["hoc.example.vn"]


def test_invalid_values_are_system_check_errors(settings):
    settings.HOCVUSO = {"NATIONAL_COURSE_HOSTS": ["https://binhdanhocvuso.gov.vn/"]}
    errors = check_learning_layer_settings()
    assert [e.id for e in errors] == ["hocvuso.E002"]
    assert "NATIONAL_COURSE_HOSTS" in errors[0].msg


def test_setting_must_be_a_dict(settings):
    settings.HOCVUSO = ["BASE_TEMPLATE"]
    assert [e.id for e in check_learning_layer_settings()] == ["hocvuso.E001"]


def test_misspelt_keys_are_warned_about(settings):
    settings.HOCVUSO = {"NATIONAL_COURSE_HOST": ["binhdanhocvuso.gov.vn"]}
    assert [e.id for e in check_learning_layer_settings()] == ["hocvuso.W001"]
