"""Grading at the pass mark: a question counts only when exactly its right
options are chosen, and a check passes when the score reaches the editor's
pass mark (a score equal to the mark passes, one point less does not).

First the grading function on plain question data, then what a learner sees
after sending a lesson's or a course's check: the message with the score,
the feedback, and whether the lesson and the course are complete."""

import re

import pytest
from django.urls import reverse

from lms.learning import grading
from lms.models import CourseProgress, LearningEvent, LessonProgress, Verb
from tests.courses.factories import knowledge_check, make_catalogue, make_course, make_lesson
from tests.courses.factories import question as question_block
from tests.lms.records_helpers import record

# --- The grading function --------------------------------------------------------

# Four questions, so the score moves in steps of 25: three single-choice ones
# and a multiple-choice one with two right options and one wrong.
SINGLES = ("s1", "s2", "s3")
MULTIPLE = "m"


def _question(qid, options, multiple=False):
    return {
        "id": qid,
        "text": f"Câu {qid}?",
        "multiple": multiple,
        "options": [
            {"id": oid, "text": oid, "correct": correct, "explanation": ""}
            for oid, correct in options
        ],
    }


QUESTIONS = [
    *(_question(qid, [(f"{qid}-dung", True), (f"{qid}-sai", False)]) for qid in SINGLES),
    _question(MULTIPLE, [("m-dung-1", True), ("m-dung-2", True), ("m-sai", False)], True),
]
MULTIPLE_RIGHT = ["m-dung-1", "m-dung-2"]


def answers(singles_right: int, multiple: list[str]) -> dict[str, list[str]]:
    """The first ``singles_right`` single-choice questions answered right, the
    others wrong, and ``multiple`` chosen on the multiple-choice one."""
    chosen = {
        qid: [f"{qid}-dung" if number < singles_right else f"{qid}-sai"]
        for number, qid in enumerate(SINGLES)
    }
    chosen[MULTIPLE] = multiple
    return grading.clean_answers(QUESTIONS, chosen)


@pytest.mark.parametrize(
    ("singles_right", "multiple", "pass_mark", "score", "success"),
    [
        # 3 of 4 right is 75%.
        (3, ["m-sai"], 75, 75, True),  # exactly at the mark: passes
        (3, ["m-sai"], 76, 75, False),  # one point under: fails
        (3, ["m-sai"], 74, 75, True),  # just over: passes
        (3, ["m-sai"], 70, 75, True),
        (3, ["m-sai"], 100, 75, False),  # a 100% mark needs everything right
        (2, MULTIPLE_RIGHT, 75, 75, True),
        # Partly right but well under the mark: a score above 0 is not a pass.
        (2, ["m-sai"], 70, 50, False),
        (1, ["m-sai"], 70, 25, False),
        (0, ["m-dung-1"], 70, 0, False),
        (0, ["m-sai"], 1, 0, False),
        # A mark of 0 (a practice check): answering is passing.
        (0, ["m-sai"], 0, 0, True),
        (3, MULTIPLE_RIGHT, 100, 100, True),
    ],
)
def test_the_score_is_compared_with_the_pass_mark(
    singles_right, multiple, pass_mark, score, success
):
    result = grading.grade(QUESTIONS, answers(singles_right, multiple), pass_mark)
    assert result["score"] == score
    assert result["success"] is success
    assert result["pass_mark"] == pass_mark


@pytest.mark.parametrize(
    ("chosen", "right"),
    [
        (["m-dung-1"], False),  # one of the two right options
        (["m-dung-2"], False),
        (["m-dung-1", "m-sai"], False),  # one right and one wrong
        (["m-dung-1", "m-dung-2", "m-sai"], False),  # both right plus a wrong one
        (["m-sai"], False),
        (["m-dung-1", "m-dung-2"], True),  # exactly the right ones
        (["m-dung-2", "m-dung-1"], True),  # in any order
    ],
)
def test_a_multiple_choice_question_counts_only_with_exactly_its_right_options(chosen, right):
    result = grading.grade(QUESTIONS, answers(3, chosen), 100)
    assert (MULTIPLE in result["correct"]) is right
    assert result["score"] == (100 if right else 75)
    assert result["success"] is right
    assert set(result["correct"]) >= set(SINGLES)


def test_partly_right_multiple_choice_earns_no_partial_credit():
    only_multiple = [QUESTIONS[-1]]
    for chosen in (["m-dung-1"], ["m-dung-1", "m-sai"]):
        cleaned = grading.clean_answers(only_multiple, {MULTIPLE: chosen})
        result = grading.grade(only_multiple, cleaned, 50)
        assert result == {
            "answers": {MULTIPLE: sorted(chosen)},
            "correct": [],
            "score": 0,
            "success": False,
            "pass_mark": 50,
        }


def test_a_wrong_single_answer_never_counts():
    result = grading.grade(QUESTIONS, answers(0, MULTIPLE_RIGHT), 25)
    assert result["correct"] == [MULTIPLE]
    assert (result["score"], result["success"]) == (25, True)


@pytest.mark.parametrize(("pass_mark", "success"), [(66, True), (67, True), (68, False)])
def test_the_pass_follows_the_score_the_learner_is_shown(pass_mark, success):
    """Two of three right is shown as 67%: with a mark of 67 the learner must
    not read "You got 67% correct; 67% is needed"."""
    three = QUESTIONS[:3]
    chosen = grading.clean_answers(three, {"s1": ["s1-dung"], "s2": ["s2-dung"], "s3": ["s3-sai"]})
    result = grading.grade(three, chosen, pass_mark)
    assert result["score"] == 67
    assert result["success"] is success


def test_the_feedback_marks_a_partly_right_multiple_choice_question_not_right():
    result = grading.grade(QUESTIONS, answers(3, ["m-dung-1"]), 75)
    items = {item["text"]: item for item in grading.feedback(QUESTIONS, result)}
    assert items["Câu m?"]["right"] is False
    shown = {option["id"]: option["chosen"] for option in items["Câu m?"]["options"]}
    # The chosen right option and the missed right one are both shown.
    assert shown == {"m-dung-1": True, "m-dung-2": False}
    assert all(items[f"Câu {qid}?"]["right"] for qid in SINGLES)


# --- What the learner sees ------------------------------------------------------------


def check(pass_mark):
    return knowledge_check(
        *(
            question_block(f"Câu hỏi {number}?", answers=(("Đúng", True), ("Sai", False)))
            for number in (1, 2, 3)
        ),
        question_block(
            "Những cách nào an toàn?",
            kind="multiple",
            answers=(
                ("Đặt mật khẩu mạnh", True),
                ("Bật xác thực hai lớp", True),
                ("Cho người lạ mã OTP", False),
            ),
        ),
        pass_mark=pass_mark,
    )


def lesson_with_check(pass_mark):
    course = make_course(make_catalogue(), title="An toàn trên mạng")
    lesson = make_lesson(
        course, title="Bảo vệ tài khoản", body=[("text", "<p>Đọc kỹ.</p>"), check(pass_mark)]
    )
    return course, lesson


def form_data(questions, page_html, singles_right: int, multiple: list[str]) -> dict:
    """The check's form as a learner fills it in, choosing options by their text."""
    data = {"event_id": re.search(r'name="event_id" value="([0-9a-f-]{36})"', page_html)[1]}
    for question in questions:
        by_text = {option["text"]: option["id"] for option in question["options"]}
        if question["multiple"]:
            chosen = [by_text[text] for text in multiple]
        else:
            number = int(re.search(r"\d", question["text"])[0])
            chosen = [by_text["Đúng" if number <= singles_right else "Sai"]]
        data[f"q-{question['id']}"] = chosen
    return data


def answer(client, page, questions, singles_right, multiple):
    form = form_data(questions, client.get(page.url).content.decode(), singles_right, multiple)
    return client.post(reverse("lms:page_answer", args=[page.pk]), form, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


PARTLY = ["Đặt mật khẩu mạnh"]  # one of the two right options
RIGHT_AND_WRONG = ["Đặt mật khẩu mạnh", "Cho người lạ mã OTP"]
BOTH_RIGHT = ["Đặt mật khẩu mạnh", "Bật xác thực hai lớp"]


@pytest.mark.parametrize(
    ("pass_mark", "singles_right", "multiple", "score", "passes"),
    [
        (75, 3, PARTLY, 75, True),  # exactly at the mark
        (74, 3, PARTLY, 75, True),  # just over it
        (76, 3, PARTLY, 75, False),  # just under it
        (80, 3, RIGHT_AND_WRONG, 75, False),
        (100, 3, PARTLY, 75, False),
        (100, 3, BOTH_RIGHT, 100, True),
        (70, 1, PARTLY, 25, False),  # some right is not enough
    ],
)
def test_the_lesson_page_grades_at_the_editors_pass_mark(
    signed_in, learner, pass_mark, singles_right, multiple, score, passes
):
    course, lesson = lesson_with_check(pass_mark)
    questions = lesson.knowledge_check_questions()
    response = answer(signed_in, lesson, questions, singles_right, multiple)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(lesson.url)

    event = LearningEvent.objects.get(learner=learner, verb=Verb.ANSWERED)
    assert (event.result["score"], event.result["success"]) == (score, passes)
    state = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert state.best_score == score
    course_state = CourseProgress.objects.get(learner=learner, course=course)
    if passes:
        assert messages_of(response) == [f"You passed with {score}% correct. Well done!"]
        assert f"You passed with {score}% correct." in html
        assert "lesson-status__done" in html  # "Done" at the top of the lesson
        assert state.completed_at is not None and state.progress == 1.0
        assert course_state.completed_at is not None and course_state.percentage == 100
    else:
        needed = f"You got {score}% correct; {pass_mark}% is needed."
        assert messages_of(response) == [f"{needed} Read the explanations below and try again."]
        assert f"{needed} You can try again." in html
        assert "lesson-status__done" not in html
        assert state.completed_at is None
        assert course_state.completed_at is None and course_state.percentage == 0


def test_a_partly_right_multiple_choice_answer_is_shown_as_not_quite(signed_in):
    _course, lesson = lesson_with_check(75)
    questions = lesson.knowledge_check_questions()
    html = answer(signed_in, lesson, questions, 3, PARTLY).content.decode()
    feedback = html[html.index('class="knowledge-check__feedback"') :]
    items = re.findall(r"<li>\s*<p><strong>(.*?)</strong>(.*?)</p>", feedback, flags=re.S)
    verdicts = {text: ("Right" in badge) for text, badge in items}
    assert verdicts == {
        "Câu hỏi 1?": True,
        "Câu hỏi 2?": True,
        "Câu hỏi 3?": True,
        "Những cách nào an toàn?": False,
    }
    assert re.search(r"The right answer:\s+Bật xác thực hai lớp", feedback)


def test_failing_under_the_mark_then_reaching_it_completes_the_lesson(signed_in, learner):
    _course, lesson = lesson_with_check(75)
    questions = lesson.knowledge_check_questions()
    answer(signed_in, lesson, questions, 2, PARTLY)  # 50%
    state = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert state.completed_at is None
    answer(signed_in, lesson, questions, 2, BOTH_RIGHT)  # 75%: the mark
    state.refresh_from_db()
    assert state.completed_at is not None
    assert (state.attempts, state.best_score) == (2, 75)


@pytest.mark.parametrize(("pass_mark", "completes"), [(50, True), (51, False)])
def test_the_course_final_check_is_graded_at_its_pass_mark(
    signed_in, learner, pass_mark, completes
):
    final = knowledge_check(
        question_block("Câu hỏi 1?", answers=(("Đúng", True), ("Sai", False))),
        question_block(
            "Những cách nào an toàn?",
            kind="multiple",
            answers=(("Đặt mật khẩu mạnh", True), ("Bật xác thực hai lớp", True), ("Khác", False)),
        ),
        pass_mark=pass_mark,
    )
    course = make_course(make_catalogue(), title="Kiểm tra cuối khóa", final_check=[final])
    lesson = make_lesson(course, title="Bài duy nhất")
    record(learner, lesson=lesson)
    # One of two right: 50%, the multiple-choice question only partly right.
    response = answer(signed_in, course, course.final_check_questions(), 1, PARTLY)
    state = CourseProgress.objects.get(learner=learner, course=course)
    assert state.final_check_best_score == 50
    assert (state.completed_at is not None) is completes
    assert (state.final_check_passed_at is not None) is completes
    html = response.content.decode()
    if completes:
        assert "You passed with 50% correct." in html
    else:
        assert f"You got 50% correct; {pass_mark}% is needed." in html
