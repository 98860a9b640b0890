import pytest
from django.core.exceptions import ValidationError

from courses.validators import validate_course_key, validate_national_course_url

from .factories import NationalCourseFactory


@pytest.mark.parametrize(
    "url",
    [
        "https://binhdanhocvuso.gov.vn/khoa-hoc/ky-nang-so",
        "https://www.binhdanhocvuso.gov.vn/courses/course-v1:MIC+KNS01+2025/about",
    ],
)
def test_https_urls_on_the_allow_list_are_accepted(url):
    validate_national_course_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://binhdanhocvuso.gov.vn/",
        "https://binhdanhocvuso.gov.vn.evil.example/",
        "https://notbinhdanhocvuso.gov.vn/",
        "https://user:pass@binhdanhocvuso.gov.vn/",
        "https://binhdanhocvuso.gov.vn:8443/",
        "javascript:alert(1)",
    ],
)
def test_other_urls_are_refused(url):
    with pytest.raises(ValidationError):
        validate_national_course_url(url)


def test_the_allow_list_is_configurable(settings):
    settings.HOCVUSO = {**settings.HOCVUSO, "NATIONAL_COURSE_HOSTS": ["elearning.example.gov.vn"]}
    validate_national_course_url("https://elearning.example.gov.vn/x")
    with pytest.raises(ValidationError):
        validate_national_course_url("https://binhdanhocvuso.gov.vn/")


def test_course_keys_follow_the_open_edx_shape():
    validate_course_key("course-v1:MIC+KNS01+2025")
    with pytest.raises(ValidationError):
        validate_course_key("KNS01")


@pytest.mark.django_db
def test_leaving_for_a_national_course_goes_only_to_its_catalogued_url(client):
    course = NationalCourseFactory()
    response = client.get(f"/national-courses/{course.pk}/go/?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == course.url
    course.active = False
    course.save()
    assert client.get(f"/national-courses/{course.pk}/go/").status_code == 404
