from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from api.views import api
from netvaerk.health import health_view

admin.site.site_header = _("Network portal - administration")
admin.site.site_title = _("Network portal")
admin.site.index_title = _("Networks, meetings and registrations")
# Members' area: the admin logs in through allauth (rate limits, MFA), never its own form.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health_view(), name="health"),
    path("health/web/", health_view(web_only=True), name="health_web"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("privatliv/", TemplateView.as_view(template_name="netvaerk/privacy.html"), name="privacy"),
    path("", include("registration.urls")),
    # Invitations, subscribing and unsubscribing, members' choices (before the public meeting pages).
    path("", include("outreach.urls")),
    # Members' area: accounts (allauth) and the members' pages.
    path("konto/", include("allauth.urls")),
    path("", include("members.urls")),
    # Meeting craft: idea catalogue, proposals and evaluations in the group space; evaluation link; staff planning.
    path("", include("craft.urls")),
    # The public pages of networks and meetings, the sign-up on the meeting page (pages/).
    path("", include("pages.urls")),
    # Blog and the catalogue of offers.
    path("", include("content.urls")),
    # The accessibility statement and /was (branch feat-sso).
    path("", include("accessibility.urls")),
    # Site search (/soeg/).
    path("", include("search.urls")),
    # The read API with its OpenAPI schema and docs (api/).
    path("api/v1/", api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
