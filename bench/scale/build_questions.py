"""The ten-year builder: a meeting's own questions, as the demo's Albertslund meeting asks them, and the answers."""

from __future__ import annotations

QUESTION_AREAS = ["Nørrebro", "Gellerup", "Vollsmose", "Tingbjerg", "Andet"]


class QuestionsBuilder:
    """Questions with their choices (from the meetings' build) and the registrations' answers."""

    def _questions(self, meeting_id: int, questions: list, choices: list) -> tuple[int, int, list[int], int]:
        """Where do you come from (one choice of five), and which other area when "Andet" is chosen."""
        area_id, other_id = len(questions) + 1, len(questions) + 2
        choice_ids = []
        for order, label in enumerate(QUESTION_AREAS):
            choice_ids.append(len(choices) + 1)
            choices.append({"id": choice_ids[-1], "question_id": area_id, "label": label, "order": order})
        questions.append(
            {
                "id": area_id,
                "meeting_id": meeting_id,
                "label": "Hvilket boligområde kommer du fra?",
                "kind": "single_choice",
                "required": True,
                "help_text": "Så kan vi sætte jer sammen med naboområderne i gruppearbejdet.",
                "order": 1,
                "identifier": "boligomraade",
            }
        )
        questions.append(
            {
                "id": other_id,
                "meeting_id": meeting_id,
                "label": "Hvilket andet boligområde?",
                "kind": "short_text",
                "required": True,
                "order": 2,
                "identifier": "andet-boligomraade",
                "condition_question_id": area_id,
                "condition_value": str(choice_ids[-1]),
            }
        )
        return area_id, other_id, choice_ids, choice_ids[-1]

    def _copy_questions(self, questions: list, choices: list) -> None:
        from registration.questions.models import Choice, Question

        # A follow-up refers to the question before it, which is copied in the same chunk.
        self._copy(Question, questions)
        self._copy(Choice, choices)

    def _answers(self, registration_id: int, questions: tuple, answers: list, answer_choices: list) -> None:
        area_id, other_id, choice_ids, other_choice = questions
        picked = self.rng.choices(choice_ids, [30, 25, 20, 15, 10])[0]
        answers.append({"id": len(answers) + 1, "registration_id": registration_id, "question_id": area_id})
        answer_choices.append({"id": len(answer_choices) + 1, "answer_id": len(answers), "choice_id": picked})
        if picked == other_choice:
            answers.append(
                {
                    "id": len(answers) + 1,
                    "registration_id": registration_id,
                    "question_id": other_id,
                    "value": self.rng.choice(["Mjølnerparken", "Skovparken", "Ringparken", "Korskærparken"]),
                }
            )

    def _copy_answers(self, answers: list, answer_choices: list) -> None:
        from registration.questions.models import Answer

        self._copy(Answer, answers)
        self._copy(Answer.choices.through, answer_choices)
        self._log(f"answers: {len(answers)}")
