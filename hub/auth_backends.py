"""Permission checks in one query, for every page a logged-in visitor asks for.

Wagtail's user bar asks `has_perm("wagtailadmin.access_admin")` on every page: Django's
ModelBackend answers with two queries (the user's permissions, then their groups'). Listed first
in AUTHENTICATION_BACKENDS, this backend loads both in one and stores them where ModelBackend (and
allauth's backend, a ModelBackend) read them, `user._perm_cache`. It never authenticates, so the
sessions keep the backend that logged the user in.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class OneQueryPermissionsBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                perms = Permission.objects.all()
            else:
                perms = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in perms.values_list(
                    "content_type__app_label", "codename"
                ).order_by()
            }
        return user_obj._perm_cache
