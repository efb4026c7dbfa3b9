"""Single sign-on in the admin: the accounts' links to their providers, in Danish.

allauth's own admins are replaced (as the Group admin is): the providers are configured in the
environment (``members.sso.config``), so a provider made in the database would bypass the tenant
allow-list and is not offered; access tokens are not kept (``SOCIALACCOUNT_STORE_TOKENS`` is off),
so their list would always be empty; the links get Danish labels (allauth's fields have none).
"""

import allauth.socialaccount.admin  # noqa: F401  (registers allauth's admins first, whatever the app order)
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from netvaerk.admin import SuperuserSeesAndDeletesMixin

for model in (SocialApp, SocialToken, SocialAccount):
    admin.site.unregister(model)


@admin.register(SocialAccount)
class SocialAccountAdmin(SuperuserSeesAndDeletesMixin, admin.ModelAdmin):
    """Who is linked to which provider; deleting a link makes the person link again at next sign-on."""

    list_display = ["person", "provider_name", "identity", "linked", "last_used"]
    list_filter = ["provider"]
    search_fields = ["uid", "user__email", "user__first_name", "user__last_name"]
    list_select_related = ["user"]
    fields = ["person", "provider_name", "identity", "linked", "last_used"]
    readonly_fields = fields

    @admin.display(description=_("person"), ordering="user__email")
    def person(self, obj):
        return obj.user

    @admin.display(description=_("provider"), ordering="provider")
    def provider_name(self, obj):
        return obj.get_provider_display()

    @admin.display(description=_("identity at the provider"), ordering="uid")
    def identity(self, obj):
        return obj.uid

    @admin.display(description=_("linked"), ordering="date_joined")
    def linked(self, obj):
        return obj.date_joined

    @admin.display(description=_("last used"), ordering="last_login")
    def last_used(self, obj):
        return obj.last_login
