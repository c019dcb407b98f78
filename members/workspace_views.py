"""Inside a workspace: home, threads, documents, search. Each view starts with
`workspaces.access` (404 for anyone not in the workspace) and filters by the workspace."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from hub.forms import posted, refused_status
from members import documents, threads, workspaces
from members.models import Document, DocumentVersion, ModerationState, Thread
from members.workspace_forms import DocumentForm, ReplyForm, ThreadForm, VersionForm

PER_PAGE = 25


def workspace_view(view):
    @never_cache
    @login_required
    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        access = workspaces.access(request.user, slug)
        return view(request, access, *args, **kwargs)

    return wrapped


def render_in_workspace(request, access, template, context, status=200):
    status = refused_status(request, context.get("form"), status)
    context = {"workspace": access.workspace, "access": access, **context}
    return render(request, template, context, status=status)


def _refuse_readers(request, access):
    messages.error(request, _("Votre rôle d’observateur permet de lire, pas d’écrire."))
    return redirect("members:workspace", access.workspace.slug)


def _work_package(access, request):
    code = request.GET.get("lot")
    return access.workspace.work_packages.filter(code=code).first() if code else None


@workspace_view
def home(request, access):
    workspace = access.workspace
    recent = threads.with_unread(workspace.threads.select_related("work_package"), request.user)[:5]
    docs = workspace.documents.visible().select_related("work_package", "latest_version")[:5]
    seats = workspace.memberships.select_related("user__member_profile")
    return render_in_workspace(
        request,
        access,
        "members/workspace/home.html",
        {
            "threads": recent,
            "documents": docs,
            "seats": seats,
            "partners": workspace.partners.all(),
            "work_packages": workspace.work_packages.all(),
            "events": workspaces.upcoming_events(workspace),
            "unread": threads.unread_total(workspace, request.user),
        },
    )


@workspace_view
def thread_list(request, access):
    work_package = _work_package(access, request)
    listing = access.workspace.threads.select_related("work_package")
    if work_package:
        listing = listing.filter(work_package=work_package)
    page = Paginator(threads.with_unread(listing, request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render_in_workspace(
        request,
        access,
        "members/workspace/thread_list.html",
        {
            "page_obj": page,
            "threads": page.object_list,
            "work_package": work_package,
            "work_packages": access.workspace.work_packages.all(),
        },
    )


@workspace_view
def thread_new(request, access):
    if not access.can_write:
        return _refuse_readers(request, access)
    form = ThreadForm(access.workspace, posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        thread = threads.start(
            access.workspace,
            request.user,
            data["subject"],
            data["body"],
            work_package=data.get("work_package"),
        )
        messages.success(request, _("Votre discussion est ouverte."))
        return redirect("members:thread", access.workspace.slug, thread.pk)
    return render_in_workspace(request, access, "members/workspace/thread_new.html", {"form": form})


@workspace_view
def thread_detail(request, access, pk):
    thread = get_object_or_404(access.workspace.threads.select_related("work_package"), pk=pk)
    form = ReplyForm(access.workspace, posted(request))
    if request.method == "POST":
        if not access.can_write:
            return _refuse_readers(request, access)
        if form.is_valid():
            threads.reply(
                thread,
                request.user,
                form.cleaned_data["body"],
                work_package=form.cleaned_data.get("work_package"),
            )
            messages.success(request, _("Votre message est envoyé."))
            return redirect("members:thread", access.workspace.slug, thread.pk)
    posts = thread.posts.select_related("work_package")  # hidden and removed: placeholders
    response = render_in_workspace(
        request,
        access,
        "members/workspace/thread_detail.html",
        {"thread": thread, "posts": posts, "form": form},
    )
    threads.mark_read(thread, request.user)
    return response


@workspace_view
def document_list(request, access):
    work_package = _work_package(access, request)
    listing = access.workspace.documents.visible().select_related("work_package", "latest_version")
    if work_package:
        listing = listing.filter(work_package=work_package)
    page = Paginator(listing, PER_PAGE).get_page(request.GET.get("page"))
    return render_in_workspace(
        request,
        access,
        "members/workspace/document_list.html",
        {
            "page_obj": page,
            "documents": page.object_list,
            "work_package": work_package,
            "work_packages": access.workspace.work_packages.all(),
        },
    )


@workspace_view
def document_new(request, access):
    if not access.can_write:
        return _refuse_readers(request, access)
    form = DocumentForm(
        access.workspace,
        posted(request),
        request.FILES or None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = documents.add(
            access.workspace,
            request.user,
            data["file"],
            title=data["title"],
            description=data["description"],
            work_package=data.get("work_package"),
        )
        messages.success(request, _("Le document est déposé."))
        return redirect("members:document", access.workspace.slug, document.pk)
    return render_in_workspace(
        request, access, "members/workspace/document_new.html", {"form": form}
    )


@workspace_view
def document_detail(request, access, pk):
    document = get_object_or_404(access.workspace.documents.select_related("work_package"), pk=pk)
    form = VersionForm(posted(request), request.FILES or None)
    if request.method == "POST" and not document.is_removed:
        if not access.can_write:
            return _refuse_readers(request, access)
        if form.is_valid():
            documents.add_version(
                document, request.user, form.cleaned_data["file"], form.cleaned_data["comment"]
            )
            messages.success(request, _("La nouvelle version est déposée."))
            return redirect("members:document", access.workspace.slug, document.pk)
    return render_in_workspace(
        request,
        access,
        "members/workspace/document_detail.html",
        {"document": document, "versions": document.versions.all(), "form": form},
        status=410 if document.is_removed else 200,
    )


@workspace_view
def document_download(request, access, pk, number=None):
    document = get_object_or_404(access.workspace.documents.visible(), pk=pk)
    versions = DocumentVersion.objects.visible().filter(document=document)
    version = get_object_or_404(versions, number=number) if number else document.latest_version
    if version is None:
        return redirect("members:document", access.workspace.slug, document.pk)
    return documents.download(version)


@workspace_view
def search(request, access):
    query = request.GET.get("q", "").strip()[:200]
    found_threads, found_documents = [], []
    if query:
        found_threads = (
            Thread.objects.filter(workspace=access.workspace)
            .filter(
                Q(subject__icontains=query)
                | Q(posts__body__icontains=query, posts__moderation=ModerationState.VISIBLE)
            )
            .distinct()[:50]
        )
        found_documents = (
            Document.objects.visible()
            .filter(workspace=access.workspace)
            .filter(Q(title__icontains=query) | Q(description__icontains=query))
            .select_related("latest_version")[:50]
        )
    return render_in_workspace(
        request,
        access,
        "members/workspace/search.html",
        {"query": query, "found_threads": found_threads, "found_documents": found_documents},
    )
