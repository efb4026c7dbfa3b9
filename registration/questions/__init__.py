"""A meeting's own questions: the model, the one visibility rule, the form piece, the saving and the admin inline.

``rules.py`` holds the condition rule that ``static/js/questions.js`` mirrors;
``forms.QuestionsForm`` is a prefixed form of its own, so a colleague's sign-up
can ask the same questions with another prefix.
"""
