"""My space: the member's dashboard, profile, registrations, data; the members' directory."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from events.booking import RegistrationRefused
from events.models import Registration
from hub.forms import posted, refused_status
from hub.models import Sector, Territory
from members import (
    applications,
    directory,
    membership,
    privacy,
    registrations,
    threads,
    workspaces,
)
from members.forms import DeleteAccountForm, MembershipRequestForm, ProfileForm


def member_required(view):
    """Logged in and approved (or an editor); a pending account is told why it must wait."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not membership.sees_members_content(request.user):
            return render(request, "members/members_only.html", status=403)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@never_cache
@login_required
def space(request):
    user = request.user
    return render(
        request,
        "members/space.html",
        {
            "profile": membership.profile_of(user),
            "registrations": registrations.of(user),
            "applications": applications.of(user),
            "workspaces": _with_unread(workspaces.of_user(user), user),
        },
    )


def _with_unread(spaces, user) -> list:
    """Each workspace with its unread count (a handful per person: one query each)."""
    spaces = list(spaces)
    for workspace in spaces:
        workspace.unread = threads.unread_total(workspace, user)
    return spaces


@never_cache
@login_required
def membership_request(request):
    """For accounts without a request yet (or declined): tell the team who you are."""
    profile = membership.profile_of(request.user)
    if profile and profile.status != profile.Status.DECLINED:
        return redirect("members:space")
    form = MembershipRequestForm(posted(request), instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save_request(request.user)
        messages.success(request, _("Votre demande d’adhésion est envoyée à l’équipe."))
        return redirect("members:space")
    return render(
        request,
        "members/membership_request.html",
        {"form": form},
        status=refused_status(request, form),
    )


@never_cache
@login_required
def profile_edit(request):
    profile = membership.profile_of(request.user)
    if profile is None:
        return redirect("members:membership_request")
    form = ProfileForm(posted(request), instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("members:space")
    return render(
        request, "members/profile_form.html", {"form": form}, status=refused_status(request, form)
    )


@require_POST
@login_required
def registration_cancel(request, uuid):
    try:
        registration = registrations.cancel(request.user, uuid)
    except Registration.DoesNotExist as error:
        raise Http404 from error
    except RegistrationRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Votre inscription à « %(title)s » est annulée.")
            % {"title": registration.event.title},
        )
    return redirect("members:space")


@never_cache
@login_required
def data_export(request):
    content = json.dumps(privacy.export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-{stamp}.json"'
    return response


@never_cache
@login_required
def account_delete(request):
    form = DeleteAccountForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.delete_account(user)
        messages.success(
            request, _("Votre compte est supprimé. Merci d’avoir fait partie du réseau.")
        )
        return redirect("/")
    return render(
        request, "members/account_delete.html", {"form": form}, status=refused_status(request, form)
    )


@never_cache
@member_required
def directory_view(request):
    """Members who chose to be listed, filtered by sector and territory."""
    sector = _term(Sector, request.GET.get("filiere"))
    territory = _term(Territory, request.GET.get("territoire"))
    entries = directory.listed(sector=sector, territory=territory)
    page = Paginator(entries, 24).get_page(request.GET.get("page"))
    return render(
        request,
        "members/directory.html",
        {
            "page_obj": page,
            "entries": page.object_list,
            "count": page.paginator.count,
            "sectors": Sector.objects.all(),
            "territories": Territory.objects.all(),
            "sector": sector,
            "territory": territory,
        },
    )


def _term(model, slug):
    """The chosen term; an unknown one (an old link) just means "all"."""
    return model.objects.filter(slug=slug).first() if slug else None
