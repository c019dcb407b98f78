"""django-q2 entry points: thin wrappers that call the modules doing the work."""

from resources.mentoring.applications import close_due_calls


def close_calls() -> int:
    return close_due_calls()
