"""Public outreach pages: subscribe (double opt-in), confirm, unsubscribe (RFC 8058), members' choices, one click."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from netvaerk.models import Network
from netvaerk.throttle import limit_per_ip
from pages.meetings import get_meeting_for_page
from registration import services as registration_services
from registration.enums import Outcome

from . import services
from .emails import unsubscribe_read
from .forms import PreferencesForm, SubscribeForm


def _public_network(slug: str) -> Network:
    return get_object_or_404(Network, slug=slug, is_public=True)


@limit_per_ip(setting="OUTREACH_SUBSCRIBE_RATE_LIMIT", group="outreach.subscribe")
def subscribe(request, slug):
    network = _public_network(slug)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["website"]:
            services.subscribe_request(
                network=network, email=form.cleaned_data["email"], language=get_language() or "da"
            )
        # The same answer whether the address was new, waiting or already subscribed.
        return render(request, "outreach/subscribe_sent.html", {"network": network})
    status = 400 if request.method == "POST" else 200
    return render(request, "outreach/subscribe.html", {"network": network, "form": form}, status=status)


@limit_per_ip(setting="PERSONAL_LINK_RATE_LIMIT", group="outreach.confirm")
def subscribe_confirm(request, token):
    # A GET never confirms: mail scanners open links, people press the button.
    if request.method == "POST":
        subscriber = services.subscribe_confirm(token=token)
        if subscriber is None:
            raise Http404
        return render(request, "outreach/subscribe_confirmed.html", {"network": subscriber.network})
    from .models import Subscriber

    subscriber = Subscriber.objects.filter(token=token).select_related("network").first()
    if subscriber is None:
        raise Http404
    return render(request, "outreach/subscribe_confirm.html", {"network": subscriber.network})


@csrf_exempt  # RFC 8058: the mail program POSTs without a session; the signed key is the authority
@limit_per_ip(setting="PERSONAL_LINK_RATE_LIMIT", group="outreach.unsubscribe")
def unsubscribe(request, token):
    found = unsubscribe_read(token)
    network = Network.objects.filter(pk=found[0]).first() if found else None
    if network is None:
        raise Http404
    network_id, email = found
    if request.method == "POST":
        services.unsubscribe(network=network, email=email)
        return render(request, "outreach/unsubscribed.html", {"network": network})
    return render(request, "outreach/unsubscribe.html", {"network": network, "email": email})


@login_required
def preferences(request):
    rows = services.preferences_for(user=request.user)
    if request.method == "POST":
        network_id = request.POST.get("network", "")
        row = next((r for r in rows if str(r["network"].pk) == network_id), None)
        form = PreferencesForm(request.POST)
        if row is None or not form.is_valid():
            messages.error(request, _("Choose one of your networks."))
            return redirect("outreach:preferences")
        services.preferences_save(user=request.user, network=row["network"], **form.cleaned_data)
        messages.success(request, _("Your choices for %(network)s are saved.") % {"network": row["network"].name})
        return redirect("outreach:preferences")
    for row in rows:
        row["form"] = PreferencesForm(
            initial={key: row[key] for key in ("invitations", "nudges", "board_posts")},
            auto_id=f"id_%s_{row['network'].pk}",
        )
    return render(request, "outreach/preferences.html", {"rows": rows, "section": "outreach"})


@login_required
@limit_per_ip(setting="REGISTRATION_RATE_LIMIT", group="outreach.accept")
def accept(request, code):
    """The invitation's link for a member: their details, one button, signed up."""
    meeting = get_meeting_for_page(request, code, read="signup")
    user = request.user
    form_url = meeting.get_absolute_url() + "#tilmelding"
    name = user.get_full_name().strip()
    # Workshops need a choice, and a name is needed on the list: then the prefilled form does it.
    if not name or meeting.workshops.exists():
        return redirect(form_url)
    profile = getattr(user, "member_profile", None)
    details = {
        "name": name,
        "phone": getattr(user, "phone", ""),
        "organisation": profile.organisation.name if profile is not None and profile.organisation_id else "",
        "job_title": profile.job_title if profile is not None else "",
    }
    context = {"meeting": meeting, "details": details, "email": user.email, "form_url": form_url}
    if request.method == "POST":
        try:
            result = registration_services.registration_create(
                meeting=meeting, data=details, email=user.email, language=get_language() or "da", user=user
            )
        except registration_services.RegistrationError as error:
            return render(request, "outreach/accept.html", {**context, "error": str(error.message)}, status=409)
        context.update({"outcome": result.outcome, "Outcome": Outcome, "my_url": reverse("members:registrations")})
        return render(request, "outreach/accepted.html", context)
    return render(request, "outreach/accept.html", context)
