"""The page where a person confirms that an existing account is theirs (members/sso/services.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import services
from .forms import LinkCodeForm, LinkPasswordForm


@never_cache
@login_not_required
def link(request):
    pending = services.sso_link_pending(request=request)
    if pending is None:
        messages.info(request, _("The login has expired. Start again."))
        return redirect("account_login")
    password_form = LinkPasswordForm(prefix="password")
    code_form = LinkCodeForm(prefix="code")
    send_error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            services.sso_link_cancel(request=request)
            messages.info(request, _("Nothing was linked. Log in the way you usually do."))
            return redirect("account_login")
        if action == "password":
            password_form = LinkPasswordForm(request.POST, prefix="password")
            if password_form.is_valid():
                try:
                    if services.sso_link_confirm_password(
                        request=request, pending=pending, password=password_form.cleaned_data["password"]
                    ):
                        return services.sso_link_complete(request=request, pending=pending)
                    password_form.add_error("password", _("The password is not right."))
                except ValidationError as error:
                    password_form.add_error(None, error)
        elif action == "send_code":
            try:
                services.sso_link_code_send(request=request, pending=pending)
                messages.success(request, _("We have sent a code to %(email)s.") % {"email": pending.user.email})
                return redirect("members:sso_link")
            except ValidationError as error:
                send_error = " ".join(error.messages)
        elif action == "code":
            code_form = LinkCodeForm(request.POST, prefix="code")
            if code_form.is_valid():
                if services.sso_link_confirm_code(
                    request=request, pending=pending, code=code_form.cleaned_data["code"]
                ):
                    return services.sso_link_complete(request=request, pending=pending)
                code_form.add_error(
                    "code", _("The code is not right or has expired. Check the email, or send a new code.")
                )
            # A code that ran out is forgotten: the page offers to send a new one.
            pending = services.sso_link_pending(request=request) or pending
    return render(
        request,
        "members/sso_link.html",
        {"pending": pending, "password_form": password_form, "code_form": code_form, "send_error": send_error},
    )
