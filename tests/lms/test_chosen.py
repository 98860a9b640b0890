"""Ids ticked on a form: every posted value must be a number, or the whole
form is refused with a message (the classes' and the households' pages)."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import translation

from lms.chosen import posted_ids


def posted(*values) -> QueryDict:
    data = QueryDict(mutable=True)
    data.setlist("learner", list(values))
    return data


def test_the_numbers_come_back_in_the_order_posted():
    assert posted_ids(posted("12", "3", "12"), "learner") == [12, 3, 12]
    assert posted_ids(posted(), "learner") == []


@pytest.mark.parametrize("value", ["", "x", "1 OR 1=1", "1.5", "²"])
def test_a_value_that_is_not_a_number_refuses_the_form(value):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        posted_ids(posted("12", value), "learner")
    assert refused.value.messages == ["The form was changed. Nothing was saved."]


def test_a_page_may_say_why_in_its_own_words():
    with pytest.raises(ValidationError) as refused:
        posted_ids(posted("x"), "learner", refusal="Nobody was added.")
    assert refused.value.messages == ["Nobody was added."]


@pytest.mark.parametrize("value", [" 12", "+12", "1_2"])
def test_a_number_python_reads_is_taken_unless_only_digits_count(value):
    # The classes' pages read numbers as int() does; the households' page
    # takes decimal digits only.
    assert posted_ids(posted(value), "learner") == [int(value)]
    with pytest.raises(ValidationError):
        posted_ids(posted(value), "learner", digits_only=True)
    assert posted_ids(posted("12"), "learner", digits_only=True) == [12]
