"""Grading knowledge checks on the server.

Pages hand over their questions as plain data (``questions_data`` in
courses.blocks: ids, options, which are correct, explanations). Answers are
``{question_id: [option_id, ...]}``. A question counts as right when exactly
the correct options are chosen; the score is a percentage from 0 to 100, the
same scale as the editor's pass mark.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_answers(questions: list[dict], answers) -> dict[str, list[str]]:
    """Answers as ``{question_id: sorted option ids}``, or ValidationError when
    a question is unanswered or an answer is not one of its options."""
    if not isinstance(answers, Mapping):
        raise ValidationError(_("The answers could not be read."), code="answers_invalid")
    known = {question["id"]: question for question in questions}
    unknown = [key for key in answers if key not in known]
    if unknown:
        raise ValidationError(
            _("An answer refers to a question that is not in this check."),
            code="answers_not_options",
        )
    cleaned: dict[str, list[str]] = {}
    for question in questions:
        chosen = answers.get(question["id"])
        if isinstance(chosen, str):
            chosen = [chosen]
        if not chosen:
            raise ValidationError(_("Answer every question."), code="answers_missing")
        if not isinstance(chosen, list | tuple) or not all(isinstance(c, str) for c in chosen):
            raise ValidationError(_("The answers could not be read."), code="answers_invalid")
        options = {option["id"] for option in question["options"]}
        if not set(chosen) <= options:
            raise ValidationError(
                _("An answer is not one of the options of its question."),
                code="answers_not_options",
            )
        if not question["multiple"] and len(set(chosen)) > 1:
            raise ValidationError(
                _("Choose only one answer for a single-choice question."),
                code="answers_not_options",
            )
        cleaned[question["id"]] = sorted(set(chosen))
    return cleaned


def grade(questions: list[dict], answers: dict[str, list[str]], pass_mark: int) -> dict:
    """The result stored on an ``answered`` event."""
    right = []
    for question in questions:
        correct = sorted(option["id"] for option in question["options"] if option["correct"])
        if answers.get(question["id"]) == correct:
            right.append(question["id"])
    score = round(100 * len(right) / len(questions)) if questions else 0
    return {
        "answers": answers,
        "correct": right,
        "score": score,
        "success": score >= pass_mark,
        "pass_mark": pass_mark,
    }


def feedback(questions: list[dict], result: dict) -> list[dict]:
    """Per question: whether it was right and the explanation of each chosen
    option (and of the correct ones when the learner missed them)."""
    answers = result.get("answers") or {}
    right = set(result.get("correct") or [])
    items = []
    for number, question in enumerate(questions, start=1):
        chosen = set(answers.get(question["id"], []))
        options = []
        for option in question["options"]:
            if option["id"] in chosen or (option["correct"] and question["id"] not in right):
                options.append({**option, "chosen": option["id"] in chosen})
        items.append(
            {
                "number": number,
                "text": question["text"],
                "right": question["id"] in right,
                "options": options,
            }
        )
    return items
