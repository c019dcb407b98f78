"""Admin views of the watch's collection side: test a source, fetch it now, resume a paused one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.snippets.permissions import get_permission_name

from watch.collection.collect import collect_source, preview
from watch.collection.models import Source


def _check(request, action: str) -> None:
    if not request.user.has_perm(get_permission_name(action, Source)):
        raise PermissionDenied


def test_source(request, pk: int):
    """Show what a fetch would collect now, without saving anything."""
    _check(request, "change")
    source = get_object_or_404(Source, pk=pk)
    fetched, parsed = preview(source)
    return TemplateResponse(
        request,
        "watch/admin/source_test.html",
        {
            "source": source,
            "fetched": fetched,
            "parsed": parsed,
            "records": parsed.records[:100],
            "edit_url": reverse(source.snippet_viewset.get_url_name("edit"), args=[source.pk]),
            "header_title": _("Tester la source « %(name)s »") % {"name": source.name},
        },
    )


@require_POST
def test_unsaved(request):
    """The same test for the source being created or edited, from the form's values, before
    anything is saved (the form's "Tester avant d'enregistrer" button posts here)."""
    _check(request, "add")
    pk = request.POST.get("source_pk", "")
    instance = get_object_or_404(Source, pk=pk) if pk.isdigit() else Source()
    form_class = Source.snippet_viewset.get_edit_handler().get_form_class()
    form = form_class(request.POST, instance=instance, for_user=request.user)
    fetched = parsed = None
    if form.is_valid():
        fetched, parsed = preview(form.save(commit=False))
    return TemplateResponse(
        request,
        "watch/admin/source_test.html",
        {
            "source": form.instance,
            "form_errors": form.errors,
            "fetched": fetched,
            "parsed": parsed,
            "records": parsed.records[:100] if parsed else [],
            "unsaved": True,
            "header_title": _("Tester la source avant de l'enregistrer"),
        },
    )


@require_POST
def fetch_now(request, pk: int):
    _check(request, "change")
    source = get_object_or_404(Source, pk=pk)
    outcome = collect_source(source)
    level = messages.SUCCESS if outcome.ok and not outcome.skipped else messages.ERROR
    messages.add_message(request, level, f"{source.name} : {outcome.summary()}")
    return redirect(source.snippet_viewset.get_url_name("edit"), pk)


@require_POST
def resume(request, pk: int):
    """Take a paused source out of pause; its next fetch happens at the next round."""
    _check(request, "change")
    source = get_object_or_404(Source, pk=pk)
    Source.objects.filter(pk=pk).update(
        paused_at=None, paused_reason="", consecutive_failures=0, next_fetch_at=None
    )
    messages.success(request, _("La source « %(name)s » reprend.") % {"name": source.name})
    return redirect(source.snippet_viewset.get_url_name("edit"), pk)
