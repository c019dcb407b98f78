from members.models.profiles import MemberProfile

__all__ = ["MemberProfile"]
