"""Public views of the subscription: sign up, confirm, preferences, one-click unsubscribe."""

import json

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from watch.mailing import signup, subscriptions
from watch.mailing.forms import SUBMITTED_FLAG, PreferencesForm
from watch.mailing.models import Subscriber, SubscriptionPage
from watch.mailing.tokens import read_token


def signup_response(request, template: str, context: dict):
    """The sign-up form in `template`: shown, refused with its errors, or recorded."""
    answer = signup.answer(request)
    if answer.redirect_to:
        return HttpResponseRedirect(answer.redirect_to)
    context.update(
        form=answer.form,
        rate_limited=answer.rate_limited,
        submitted=request.GET.get(SUBMITTED_FLAG) == "1",
    )
    return render(request, template, context, status=answer.status)


def subscription_page(request, page):
    """A POST to the subscription page (see the `before_serve_page` hook)."""
    return signup_response(request, page.template, page.get_context(request))


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The form alone, for sites without a subscription page and for the embedded form."""
    page = SubscriptionPage.first_public()
    return signup_response(
        request, "watch/subscriptions/subscribe.html", {"subscription_page": page}
    )


def invalid_link(request, purpose: str):
    return render(
        request,
        "watch/subscriptions/invalid_link.html",
        {"purpose": purpose, "subscription_page": SubscriptionPage.first_public()},
        status=400,
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button (link checkers must not confirm on people's behalf); POST confirms."""
    subscriber = read_token(token, "confirm")
    if subscriber is None:
        return invalid_link(request, "confirm")
    if request.method == "POST" and subscriber.status == Subscriber.Status.PENDING:
        subscriptions.confirm(subscriber)
    context = {
        "subscriber": subscriber,
        "confirmed": subscriber.status == Subscriber.Status.ACTIVE,
        "preferences_url": subscriptions.preferences_url(subscriber),
    }
    return render(request, "watch/subscriptions/confirm.html", context)


@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    """Change topics, kinds and rhythm; pause; unsubscribe; download or erase one's data."""
    subscriber = read_token(token, "preferences")
    if subscriber is None:
        return invalid_link(request, "preferences")
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    form = None
    erase_error = ""
    if action == "save":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            subscriptions.update_preferences(subscriber, **form.cleaned_data)
            messages.success(request, _("Vos préférences sont enregistrées."))
            return HttpResponseRedirect(request.path)
    elif action == "pause":
        subscriptions.pause(subscriber)
        messages.success(request, _("La lettre est en pause : vous ne la recevez plus."))
        return HttpResponseRedirect(request.path)
    elif action == "resume":
        subscriptions.resume(subscriber)
        messages.success(request, _("Vous recevez de nouveau la lettre."))
        return HttpResponseRedirect(request.path)
    elif action == "unsubscribe":
        subscriptions.unsubscribe(subscriber)
        messages.success(
            request, _("Votre désabonnement est enregistré : vous ne recevrez plus la lettre.")
        )
        return HttpResponseRedirect(request.path)
    elif action == "export":
        data = json.dumps(subscriptions.export_data(subscriber), ensure_ascii=False, indent=2)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="mes-donnees-lettre-{stamp}.json"'
        return response
    elif action == "erase":
        if request.POST.get("erase_confirm") == "yes":
            subscriptions.erase(subscriber)
            return render(request, "watch/subscriptions/erased.html")
        erase_error = _("Cochez la case pour confirmer l’effacement définitif.")
    if form is None:
        form = PreferencesForm(
            initial={
                "name": subscriber.name,
                "themes": list(subscriber.themes.values_list("pk", flat=True)),
                "kinds": sorted(subscriber.kinds()),
                "rhythm": subscriber.rhythm,
            }
        )
    context = {
        "subscriber": subscriber,
        "form": form,
        "erase_error": erase_error,
        "token": token,
    }
    status = 400 if (form.is_bound and form.errors) or erase_error else 200
    return render(request, "watch/subscriptions/preferences.html", context, status=status)


@csrf_exempt  # RFC 8058: mail providers POST without a CSRF token; the signed token is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a button (link scanners must not unsubscribe people); POST unsubscribes."""
    subscriber = read_token(token, "unsubscribe")
    if subscriber is None:
        return invalid_link(request, "unsubscribe")
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
    context = {
        "subscriber": subscriber,
        "done": subscriber.status == Subscriber.Status.UNSUBSCRIBED,
        "preferences_url": subscriptions.preferences_url(subscriber),
    }
    return render(request, "watch/subscriptions/unsubscribe.html", context)
