"""Admin form of an item: an editor's deadline or themes survive later fetches."""

from wagtail.admin.forms import WagtailAdminModelForm


class ItemAdminForm(WagtailAdminModelForm):
    def save(self, commit=True):
        item = self.instance
        if "deadline" in self.changed_data:
            item.deadline_locked = True
        if "themes" in self.changed_data:
            item.themes_locked = True
        if item.status == item.Status.ACCEPTED:
            item.accept()  # records the acceptance date the first time
        return super().save(commit=commit)
