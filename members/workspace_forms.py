"""Forms inside a workspace: work packages offered are only this workspace's own."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.forms import PublicFormMixin
from members import documents, sanitize

BODY_HELP = _(
    "Texte simple : un paragraphe par ligne vide, les liens deviennent cliquables. "
    "Pour une mise en forme, ces balises sont acceptées : strong, em, ul, ol, li, a, blockquote."
)


class WorkspaceForm(PublicFormMixin, forms.Form):
    work_package = forms.ModelChoiceField(
        label=_("Lot de travail"), queryset=None, required=False, empty_label=_("— Aucun —")
    )

    def __init__(self, workspace, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_package"].queryset = workspace.work_packages.all()
        if not workspace.work_packages.exists():
            del self.fields["work_package"]


class ReplyForm(WorkspaceForm):
    body = forms.CharField(
        label=_("Votre message"), widget=forms.Textarea(attrs={"rows": 6}), help_text=BODY_HELP
    )
    field_order = ["body", "work_package"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        if sanitize.is_empty(sanitize.post_html(body)):
            raise forms.ValidationError(_("Le message est vide."))
        return body


class ThreadForm(ReplyForm):
    subject = forms.CharField(label=_("Sujet"), max_length=200)
    field_order = ["subject", "body", "work_package"]


class UploadField(forms.FileField):
    def validate(self, value):
        super().validate(value)
        if value:
            documents.check_upload(value)


class DocumentForm(WorkspaceForm):
    title = forms.CharField(label=_("Titre"), max_length=200)
    file = UploadField(label=_("Fichier"))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["title", "file", "description", "work_package"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = documents.upload_help()


class VersionForm(PublicFormMixin, forms.Form):
    file = UploadField(label=_("Nouvelle version du fichier"))
    comment = forms.CharField(label=_("Ce qui change"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = documents.upload_help()
