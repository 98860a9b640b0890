"""Searching learners by name, as every staff list does: each word of the
query must be in the name, diacritics and case do not matter, and only the
first five words count."""

import pytest

from lms.models import Learner
from tests.lms.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def names(places):
    for full_name in ["Nguyễn Thị Lan", "Đinh Thị Đào", "Trần Văn Ba", "Lê Thị Lan Anh"]:
        LearnerFactory(full_name=full_name, village=places["a1"])


def found(query: str) -> list[str]:
    return list(
        Learner.objects.matching_name(query)
        .sorted_by_given_name()
        .values_list("full_name", flat=True)
    )


def test_every_word_must_be_in_the_name(names):
    assert found("thi lan") == ["Lê Thị Lan Anh", "Nguyễn Thị Lan"]
    assert found("lan nguyen") == ["Nguyễn Thị Lan"]
    assert found("lan van") == []


def test_diacritics_and_case_do_not_matter(names):
    assert found("DINH dao") == ["Đinh Thị Đào"]
    assert found("Đào") == ["Đinh Thị Đào"]


def test_an_empty_query_finds_everyone(names):
    assert len(found("   ")) == 4


def test_words_after_the_fifth_are_ignored(names):
    assert found("le thi lan anh le xyz") == ["Lê Thị Lan Anh"]
    assert found("le thi xyz lan anh") == []
