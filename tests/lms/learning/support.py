"""Helpers for the learning tests: quiz answers as a learner's form would post them."""

from courses.services import get_quiz_key


def answers_for(attempt, *, right: int | None = None) -> dict[str, list[str]]:
    """POST data answering the first ``right`` questions correctly, the rest wrongly."""
    key = get_quiz_key(attempt.quiz_id)
    data = {}
    for index, question_id in enumerate(attempt.question_ids):
        correct = key[question_id].correct_choice_ids
        wrong = key[question_id].choice_ids - correct
        chosen = correct if right is None or index < right else {min(wrong)}
        data[f"q-{question_id}"] = [str(c) for c in sorted(chosen)]
    return data
