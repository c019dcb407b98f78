"""Moderation inside a workspace, for its coordinators and editors only (404 for anyone else,
like every workspace URL). GET asks for confirmation (and a reason); only POST acts."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members import moderation
from members.models import DocumentVersion, ModerationState, Post
from members.workspace_views import render_in_workspace, workspace_view


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Visible de la coordination et de l'auteur ou l'autrice."),
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if not required:
            self.fields["reason"].help_text = gettext_lazy(
                "Facultatif, visible de la coordination."
            )


def _posted(request):
    """The POST data, even empty (a confirmation without a reason is still a POST)."""
    return request.POST if request.method == "POST" else None


def _moderator(access) -> None:
    if not access.can_moderate:
        raise Http404


def _post(access, pk: int, states) -> Post:
    posts = Post.objects.filter(thread__workspace=access.workspace, moderation__in=states)
    return get_object_or_404(posts.select_related("thread"), pk=pk)


def _confirm(request, access, *, form, title, question, submit, cancel_url, danger=False):
    return render_in_workspace(
        request,
        access,
        "members/workspace/moderate.html",
        {
            "form": form,
            "title": title,
            "question": question,
            "submit": submit,
            "cancel_url": cancel_url,
            "danger": danger,
        },
    )


def _thread_url(post: Post) -> str:
    return reverse("members:thread", args=[post.thread.workspace.slug, post.thread_id]) + (
        f"#message-{post.pk}"
    )


@workspace_view
def post_hide(request, access, pk):
    _moderator(access)
    post = _post(access, pk, [ModerationState.VISIBLE])
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        moderation.hide_post(post, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Le message est masqué : vous pouvez le rétablir."))
        return redirect(_thread_url(post))
    return _confirm(
        request,
        access,
        form=form,
        title=_("Masquer un message"),
        question=_(
            "Masquer le message de %(author)s dans « %(thread)s » ? Les membres verront "
            "« Message masqué par la coordination » ; vous pourrez le rétablir."
        )
        % {"author": post.author_name, "thread": post.thread.subject},
        submit=_("Masquer le message"),
        cancel_url=_thread_url(post),
    )


@workspace_view
def post_restore(request, access, pk):
    _moderator(access)
    post = _post(access, pk, [ModerationState.HIDDEN])
    form = forms.Form(_posted(request))
    if request.method == "POST" and form.is_valid():
        moderation.restore_post(post, request.user)
        messages.success(request, _("Le message est de nouveau visible."))
        return redirect(_thread_url(post))
    return _confirm(
        request,
        access,
        form=form,
        title=_("Rétablir un message"),
        question=_("Rendre de nouveau visible le message de %(author)s dans « %(thread)s » ?")
        % {"author": post.author_name, "thread": post.thread.subject},
        submit=_("Rétablir le message"),
        cancel_url=_thread_url(post),
    )


@workspace_view
def post_remove(request, access, pk):
    _moderator(access)
    post = _post(access, pk, [ModerationState.VISIBLE, ModerationState.HIDDEN])
    form = ReasonForm(_posted(request), required=False)
    if request.method == "POST" and form.is_valid():
        moderation.remove_post(post, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Le message est retiré."))
        return redirect(_thread_url(post))
    return _confirm(
        request,
        access,
        form=form,
        title=_("Retirer un message"),
        question=_(
            "Retirer définitivement le message de %(author)s dans « %(thread)s » ? Son texte "
            "sera effacé ; les membres verront « Message retiré par la coordination »."
        )
        % {"author": post.author_name, "thread": post.thread.subject},
        submit=_("Retirer définitivement"),
        cancel_url=_thread_url(post),
        danger=True,
    )


@workspace_view
def document_remove(request, access, pk):
    _moderator(access)
    document = get_object_or_404(access.workspace.documents.visible(), pk=pk)
    form = ReasonForm(_posted(request), required=False)
    if request.method == "POST" and form.is_valid():
        moderation.remove_document(document, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Le document est retiré, avec toutes ses versions."))
        return redirect("members:documents", access.workspace.slug)
    return _confirm(
        request,
        access,
        form=form,
        title=_("Retirer un document"),
        question=_(
            "Retirer définitivement « %(title)s » et ses %(count)s version(s) ? Les fichiers "
            "seront effacés ; le document disparaîtra des listes et de la recherche."
        )
        % {"title": document.title, "count": document.versions.visible().count()},
        submit=_("Retirer définitivement"),
        cancel_url=reverse("members:document", args=[access.workspace.slug, document.pk]),
        danger=True,
    )


@workspace_view
def version_remove(request, access, pk, number):
    _moderator(access)
    version = get_object_or_404(
        DocumentVersion.objects.visible().select_related("document"),
        document__workspace=access.workspace,
        document__moderation=ModerationState.VISIBLE,
        document_id=pk,
        number=number,
    )
    form = ReasonForm(_posted(request), required=False)
    document_url = reverse("members:document", args=[access.workspace.slug, pk])
    if request.method == "POST" and form.is_valid():
        moderation.remove_version(version, request.user, form.cleaned_data["reason"])
        messages.success(request, _("La version est retirée."))
        version.document.refresh_from_db()
        if version.document.is_removed:
            return redirect("members:documents", access.workspace.slug)
        return redirect(document_url)
    return _confirm(
        request,
        access,
        form=form,
        title=_("Retirer une version"),
        question=_(
            "Retirer définitivement la version %(number)s de « %(title)s » (%(file)s) ? Le "
            "fichier sera effacé. Si c'est la seule version, le document est retiré."
        )
        % {
            "number": version.number,
            "title": version.document.title,
            "file": version.original_name,
        },
        submit=_("Retirer définitivement"),
        cancel_url=document_url,
        danger=True,
    )
