"""django-q2 entry points: load ids, call the module that does the work."""

from members import notifications


def notify_post(post_id: int) -> int:
    return notifications.notify_post(post_id)


def send_daily_summaries() -> int:
    return notifications.send_daily_summaries()
