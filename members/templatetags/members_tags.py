from django import template

from members import membership

register = template.Library()


@register.filter
def sees_members_content(user) -> bool:
    """Approved members and editors see members-only content."""
    return membership.sees_members_content(user)
