import json

from allauth.idp.oidc.views import configuration
from django.http import JsonResponse
from django.urls import include, path


def tenant_configuration(request, tenant):
    """Entra's discovery document: per tenant, or for "organizations" with a {tenantid} issuer."""
    data = json.loads(configuration(request).content)
    base = request.build_absolute_uri("/").rstrip("/")
    data["issuer"] = f"{base}/{'{tenantid}' if tenant in ('organizations', 'common') else tenant}/v2.0"
    return JsonResponse(data)


urlpatterns = [
    path("<str:tenant>/v2.0/.well-known/openid-configuration", tenant_configuration),
    path("accounts/", include("allauth.urls")),
    path("", include("allauth.idp.urls")),
]
