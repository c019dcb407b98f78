"""Moderation inside a workspace, for its coordinators and editors only (404 for anyone else,
like every workspace URL). GET asks for confirmation (and a reason); only POST acts.

One view, `ModerateView`, serves every action; `ACTIONS` says for each what it acts on, what it
asks and what it does (see members/urls.py)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache

from hub.forms import PublicFormMixin
from members import moderation, workspaces
from members.models import DocumentVersion, ModerationState, Post
from members.workspace_views import render_in_workspace


class ReasonForm(PublicFormMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Visible de la coordination et de l’auteur ou l’autrice."),
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if not required:
            self.fields["reason"].help_text = gettext_lazy(
                "Facultatif, visible de la coordination."
            )


# --- What each action acts on -------------------------------------------------------------------


def _post_in(*states):
    def find(access, pk: int, **_kwargs) -> Post:
        posts = Post.objects.filter(thread__workspace=access.workspace, moderation__in=states)
        return get_object_or_404(posts.select_related("thread"), pk=pk)

    return find


def _document(access, pk: int, **_kwargs):
    return get_object_or_404(access.workspace.documents.visible(), pk=pk)


def _version(access, pk: int, number: int, **_kwargs) -> DocumentVersion:
    return get_object_or_404(
        DocumentVersion.objects.visible().select_related("document"),
        document__workspace=access.workspace,
        document__moderation=ModerationState.VISIBLE,
        document_id=pk,
        number=number,
    )


# --- Where each action leads --------------------------------------------------------------------


def _thread_url(access, post: Post) -> str:
    return reverse("members:thread", args=[access.workspace.slug, post.thread_id]) + (
        f"#message-{post.pk}"
    )


def _document_url(access, target) -> str:
    document_id = getattr(target, "document_id", None) or target.pk
    return reverse("members:document", args=[access.workspace.slug, document_id])


def _documents_url(access, _target) -> str:
    return reverse("members:documents", args=[access.workspace.slug])


def _after_version(access, version: DocumentVersion) -> str:
    version.document.refresh_from_db()
    if version.document.is_removed:  # it was the last version: the document went with it
        return _documents_url(access, version)
    return _document_url(access, version)


# --- What each action asks ----------------------------------------------------------------------


def _about_post(post: Post) -> dict[str, str]:
    return {"author": post.author_name, "thread": post.thread.subject}


def _ask_hide(post: Post) -> str:
    return _(
        "Masquer le message de %(author)s dans « %(thread)s » ? Les membres verront "
        "« Message masqué par la coordination » ; vous pourrez le rétablir."
    ) % _about_post(post)


def _ask_restore(post: Post) -> str:
    return _(
        "Rendre de nouveau visible le message de %(author)s dans « %(thread)s » ?"
    ) % _about_post(post)


def _ask_remove_post(post: Post) -> str:
    return _(
        "Retirer définitivement le message de %(author)s dans « %(thread)s » ? Son texte "
        "sera effacé ; les membres verront « Message retiré par la coordination »."
    ) % _about_post(post)


def _ask_remove_document(document) -> str:
    count = document.versions.visible().count()
    return ngettext(
        "Retirer définitivement « %(title)s » (%(count)s version) ? Le fichier sera effacé ; "
        "le document disparaîtra des listes et de la recherche.",
        "Retirer définitivement « %(title)s » et ses %(count)s versions ? Les fichiers "
        "seront effacés ; le document disparaîtra des listes et de la recherche.",
        count,
    ) % {"title": document.title, "count": count}


def _ask_remove_version(version: DocumentVersion) -> str:
    return _(
        "Retirer définitivement la version %(number)s de « %(title)s » (%(file)s) ? Le "
        "fichier sera effacé. Si c’est la seule version, le document est retiré."
    ) % {"number": version.number, "title": version.document.title, "file": version.original_name}


@dataclass(frozen=True)
class Action:
    """One moderation action: what it finds (404 if not there), what it asks, what it does."""

    find: Callable[..., Any]
    ask: Callable[[Any], str]
    act: Callable[[Any, Any, str], None]
    title: Promise
    submit: Promise
    done: Promise
    back: Callable[[Any, Any], str]  # the confirmation's "no" link
    after: Callable[[Any, Any], str] | None = None  # where "yes" leads (else `back`)
    reason: str | None = "optional"  # "required", "optional" or None (no reason asked)
    danger: bool = False


REMOVE = gettext_lazy("Retirer définitivement")
ACTIONS: dict[str, Action] = {
    "post_hide": Action(
        find=_post_in(ModerationState.VISIBLE),
        ask=_ask_hide,
        act=moderation.hide_post,
        title=gettext_lazy("Masquer un message"),
        submit=gettext_lazy("Masquer le message"),
        done=gettext_lazy("Le message est masqué : vous pouvez le rétablir."),
        back=_thread_url,
        reason="required",
    ),
    "post_restore": Action(
        find=_post_in(ModerationState.HIDDEN),
        ask=_ask_restore,
        act=lambda post, by, _reason: moderation.restore_post(post, by),
        title=gettext_lazy("Rétablir un message"),
        submit=gettext_lazy("Rétablir le message"),
        done=gettext_lazy("Le message est de nouveau visible."),
        back=_thread_url,
        reason=None,
    ),
    "post_remove": Action(
        find=_post_in(ModerationState.VISIBLE, ModerationState.HIDDEN),
        ask=_ask_remove_post,
        act=moderation.remove_post,
        title=gettext_lazy("Retirer un message"),
        submit=REMOVE,
        done=gettext_lazy("Le message est retiré."),
        back=_thread_url,
        danger=True,
    ),
    "document_remove": Action(
        find=_document,
        ask=_ask_remove_document,
        act=moderation.remove_document,
        title=gettext_lazy("Retirer un document"),
        submit=REMOVE,
        done=gettext_lazy("Le document est retiré, avec toutes ses versions."),
        back=_document_url,
        after=_documents_url,
        danger=True,
    ),
    "version_remove": Action(
        find=_version,
        ask=_ask_remove_version,
        act=moderation.remove_version,
        title=gettext_lazy("Retirer une version"),
        submit=REMOVE,
        done=gettext_lazy("La version est retirée."),
        back=_document_url,
        after=_after_version,
        danger=True,
    ),
}


@method_decorator([never_cache, login_required], name="dispatch")
class ModerateView(View):
    """GET: the confirmation page (with a reason field where the action takes one); POST: the
    action, then back to where it was. `action` is a key of ACTIONS, given in members/urls.py."""

    action: str = ""
    http_method_names = ["get", "post"]

    def dispatch(self, request, slug, **kwargs):
        access = workspaces.access(request.user, slug)
        if not access.can_moderate:
            raise Http404
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request)
        spec = ACTIONS[self.action]
        target = spec.find(access, **kwargs)
        data = request.POST if request.method == "POST" else None  # an empty POST still acts
        if spec.reason is None:
            form = forms.Form(data)
        else:
            form = ReasonForm(data, required=spec.reason == "required")
        if request.method == "POST" and form.is_valid():
            spec.act(target, request.user, form.cleaned_data.get("reason", ""))
            messages.success(request, spec.done)
            return redirect((spec.after or spec.back)(access, target))
        return render_in_workspace(
            request,
            access,
            "members/workspace/moderate.html",
            {
                "form": form,
                "title": spec.title,
                "question": spec.ask(target),
                "submit": spec.submit,
                "cancel_url": spec.back(access, target),
                "danger": spec.danger,
            },
        )
