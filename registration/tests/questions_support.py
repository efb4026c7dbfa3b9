"""Building a meeting's questions in tests (the shapes the admin makes)."""

from registration.questions.models import Choice, Question, QuestionKind


def add_question(meeting, label, kind=QuestionKind.SHORT_TEXT, *, choices=(), when=None, order=None, **fields):
    """A question with its choices (labels, or (label, places) pairs); ``when``: (question, value)."""
    if order is None:
        order = Question.objects.filter(meeting=meeting).count()
    condition = {}
    if when is not None:
        condition = {"condition_question": when[0], "condition_value": str(when[1])}
    question = Question.objects.create(meeting=meeting, label=label, kind=kind, order=order, **condition, **fields)
    for index, choice in enumerate(choices):
        label, places = choice if isinstance(choice, tuple) else (choice, None)
        Choice.objects.create(question=question, label=label, order=index, capacity=places)
    return question


def choice(question, label) -> Choice:
    return question.choices.get(label=label)


def housing_questions(meeting):
    """The demo's pair: where do you come from (one choice, a bus with 2 places), and a follow-up shown on "Andet"."""
    area = add_question(
        meeting,
        "Hvilket boligområde kommer du fra?",
        QuestionKind.SINGLE_CHOICE,
        choices=["Gellerup", ("Bus fra Vollsmose", 2), "Andet"],
        required=True,
        identifier="boligomraade",
    )
    other = add_question(
        meeting,
        "Hvilket andet boligområde?",
        QuestionKind.SHORT_TEXT,
        when=(area, choice(area, "Andet").pk),
        required=True,
        identifier="andet-boligomraade",
    )
    return area, other
