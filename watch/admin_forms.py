"""Admin form of an item: an editor's deadline or themes survive later fetches."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm


class ItemAdminForm(WagtailAdminModelForm):
    def save(self, commit=True):
        item = self.instance
        if "deadline" in self.changed_data:
            item.deadline_locked = True
        if "themes" in self.changed_data:
            item.themes_locked = True
        if item.status == item.Status.ACCEPTED and item.accepted_at is None:
            item.accepted_at = timezone.now()
        return super().save(commit=commit)
