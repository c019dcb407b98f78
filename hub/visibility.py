"""Which pages a request may see: Wagtail page privacy (login, groups, password), in SQL."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction


@dataclass
class Visibility:
    """Paths of restricted subtrees the request may not see, and those it may (as a member)."""

    hidden_paths: list[str] = field(default_factory=list)
    member_paths: list[str] = field(default_factory=list)

    def is_members_only(self, path: str) -> bool:
        return any(path.startswith(restricted) for restricted in self.member_paths)

    def apply(self, queryset, prefix: str = "page__"):
        """Exclude from `queryset` (of pages or rows pointing to pages) what may not be seen."""
        for restricted in self.hidden_paths:
            queryset = queryset.exclude(**{f"{prefix}path__startswith": restricted})
        return queryset


def visibility_for(request) -> Visibility:
    """What this visitor may see; a constant number of queries whatever the number of pages."""
    restrictions = list(
        PageViewRestriction.objects.only("id", "restriction_type", "password").annotate(
            page_path=_restricted_page_path()
        )
    )
    user = getattr(request, "user", None)
    user_groups: dict[int, str] | None = None
    result = Visibility()
    for restriction in restrictions:
        passes = _passes(restriction, request, user)
        if passes is None:  # needs the user's groups, loaded once
            if user_groups is None:
                user_groups = dict(user.groups.values_list("id", "name"))
            if restriction.restriction_type == BaseViewRestriction.LOGIN:
                passes = _is_member(user, user_groups)
            else:
                allowed = set(restriction.groups.values_list("id", flat=True))
                passes = bool(user_groups.keys() & allowed)
        target = result.member_paths if passes else result.hidden_paths
        target.append(restriction.page_path)
    return result


def _is_member(user, user_groups: dict[int, str]) -> bool:
    """ "Logged-in users" means members when MEMBERS_GROUP_NAME is set: anyone may sign up, so a
    pending account must not see what is restricted to logged-in users; editors still do."""
    return settings.MEMBERS_GROUP_NAME in user_groups.values() or user.has_perm(
        "wagtailadmin.access_admin"
    )


def _passes(restriction, request, user) -> bool | None:
    kind = restriction.restriction_type
    if kind == BaseViewRestriction.NONE:
        return True
    if kind == BaseViewRestriction.PASSWORD:
        return restriction.accept_request(request)
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if kind == BaseViewRestriction.LOGIN and not settings.MEMBERS_GROUP_NAME:
        return True
    return None


def exclude_restricted(queryset, prefix: str = "page__"):
    """Keep only rows whose page has no view restriction on it or above it, in the same query.

    Like PageQuerySet.public() (pass prefix="" for a page queryset), without public()'s own
    query that first loads every restriction with its page.
    """
    restricted = PageViewRestriction.objects.annotate(
        page_path=_restricted_page_path(), path_length=Length("page_path")
    ).filter(page_path=Substr(OuterRef(f"{prefix}path"), 1, F("path_length")))
    return queryset.filter(~Exists(restricted))


def _restricted_page_path():
    """The path of a restriction's page, as a subquery rather than a join.

    With a join, SQLite's planner may walk every page in search of restrictions (it cannot tell
    the restriction table is nearly empty): 10,000 rows read per menu item. From the
    restrictions alone, no restriction costs nothing and each costs one primary-key lookup.
    """
    return Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1])
