"""The tests' identity provider (members/tests/oidc_idp/) and a person's way through a login.

``start_identity_provider`` runs it as its own process; ``SSOLogin`` plays the person's
browser: the portal through Django's test client, the identity provider over real HTTP
(requests), exactly the redirects a browser follows.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from allauth.socialaccount.models import SocialAccount
from django.conf import settings

from members.sso.config import sso_providers

# Entra tenants: two allowed organisations and one that is not.
TENANT_BOLIGSELSKAB = "3b9f1c2e-5d4a-4e8b-9a71-0c2d6e8f4a10"
TENANT_KOMMUNE = "7c1e2d3f-8a9b-4c5d-9e0f-1a2b3c4d5e6f"
TENANT_OTHER = "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70"
PASSWORD = "idp-adgangskode-2026"

NEW_MEMBER = "nina.ny@kommune.example"  # no account on the portal yet
EXISTING_MEMBER = "maja@example.dk"  # the members fixture's member
UNVERIFIED = "ulla.uverificeret@kommune.example"  # the provider does not vouch for the address
NO_EMAIL = "uden.adresse@kommune.example"  # the provider gives no address at all
ENTRA_NEW = "bo.boligsocial@boligselskab.example"  # an allowed tenant
ENTRA_STAFF = "sanne.sekretariat@boligselskab.example"  # an allowed tenant, a staff account on the portal
ENTRA_REFUSED = "frede.fremmed@andet.example"  # a tenant that is not allowed

IDP_USERS = [
    {"email": NEW_MEMBER, "first_name": "Nina", "last_name": "Ny"},
    {"email": EXISTING_MEMBER, "first_name": "Maja", "last_name": "Nørgaard"},
    {"email": UNVERIFIED, "first_name": "Ulla", "last_name": "Hansen", "verified": False},
    {"email": NO_EMAIL, "first_name": "Uffe", "last_name": "Uden", "address": False},
    {"email": ENTRA_NEW, "first_name": "Bo", "last_name": "Ærø", "tenant": TENANT_BOLIGSELSKAB},
    {"email": ENTRA_STAFF, "first_name": "Sanne", "last_name": "Holm", "tenant": TENANT_BOLIGSELSKAB},
    {"email": ENTRA_REFUSED, "first_name": "Frede", "last_name": "Fremmed", "tenant": TENANT_OTHER},
]
CLIENTS = {
    "kommune": {"id": "portal-kommune", "secret": "hemmelig-kommune-2026"},
    "entra": {"id": "portal-entra", "secret": "hemmelig-entra-2026", "entra": True},
}
PORTAL_TEST_HOST = "http://testserver"
# Loopback redirect URIs match any port (RFC 8252): the live server's, whatever it is.
PORTAL_LOOPBACK = "http://127.0.0.1"


@dataclass(frozen=True)
class IdentityProvider:
    url: str
    log: Path

    def portal_providers(self, *, tenants: str = f"{TENANT_BOLIGSELSKAB},{TENANT_KOMMUNE}") -> dict:
        """The portal's SOCIALACCOUNT_PROVIDERS for this provider, through the same environment variables as production."""
        return sso_providers(
            {
                "SSO_OIDC_PROVIDERS": "kommune",
                "SSO_OIDC_KOMMUNE_NAME": "Kommunens login",
                "SSO_OIDC_KOMMUNE_CLIENT_ID": CLIENTS["kommune"]["id"],
                "SSO_OIDC_KOMMUNE_SECRET": CLIENTS["kommune"]["secret"],
                "SSO_OIDC_KOMMUNE_SERVER_URL": self.url,
                "SSO_ENTRA_CLIENT_ID": CLIENTS["entra"]["id"],
                "SSO_ENTRA_SECRET": CLIENTS["entra"]["secret"],
                "SSO_ENTRA_TENANTS": tenants,
                "SSO_ENTRA_AUTHORITY": self.url,
            }
        )


@contextmanager
def start_identity_provider(folder: Path):
    setup = {
        "database": str(folder / "idp.sqlite3"),
        "users": [{"password": PASSWORD, **user} for user in IDP_USERS],
        "clients": [
            {
                **client,
                "redirect_uris": [
                    f"{host}/konto/oidc/{provider_id}/login/callback/" for host in (PORTAL_TEST_HOST, PORTAL_LOOPBACK)
                ],
            }
            for provider_id, client in CLIENTS.items()
        ],
    }
    setup_file = folder / "setup.json"
    setup_file.write_text(json.dumps(setup))
    log = folder / "idp.log"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "members.tests.oidc_idp.serve", str(setup_file)],
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    try:
        # The first line is printed once the port is bound (EOF: the process died).
        url = process.stdout.readline().strip()
        if not url.startswith("http://"):
            process.wait(timeout=10)
            raise RuntimeError(f"the identity provider did not start:\n{log.read_text()}")
        yield IdentityProvider(url=url, log=log)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class SSOLogin:
    """One person's browser: Django's test client for the portal, a requests session for the provider."""

    def __init__(self, client, idp: IdentityProvider):
        self.client = client
        self.idp = idp
        self.idp_session = requests.Session()

    def start(self, provider_id: str, *, next_url: str = "") -> str:
        """Press the provider's button on the login page: the authorization URL the portal sends the browser to."""
        page = self.client.get("/konto/login/" + (f"?next={next_url}" if next_url else "")).content.decode()
        form = re.search(
            rf'<form method="post" action="([^"]+)">((?:(?!</form>).)*)data-provider="{provider_id}"', page, re.S
        )
        assert form, f"no button for {provider_id} on the login page"
        action = form.group(1).replace("&amp;", "&")
        data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2)))
        data.pop("csrfmiddlewaretoken", None)
        response = self.client.post(action, data)
        assert response.status_code == 302, response.content[:500]
        location = response["Location"]
        assert location.startswith(self.idp.url), location
        return location

    def authorize(self, authorize_url: str, email: str, password: str = PASSWORD) -> str:
        """Log in at the provider; the callback URL (path and query) it sends the browser back with."""
        url = authorize_url
        for _hop in range(6):
            response = self.idp_session.get(url, allow_redirects=False, timeout=10)
            if response.status_code == 200 and "csrfmiddlewaretoken" in response.text:
                next_value = parse_qs(urlsplit(url).query).get("next", [""])[0]
                response = self.idp_session.post(
                    url,
                    data={
                        "csrfmiddlewaretoken": CSRF_RE.search(response.text).group(1),
                        "login": email,
                        "password": password,
                        "next": next_value,
                    },
                    headers={"Referer": url},
                    allow_redirects=False,
                    timeout=10,
                )
            assert response.status_code == 302, (response.status_code, response.text[:1000])
            location = urljoin(url, response.headers["Location"])
            if location.startswith(PORTAL_TEST_HOST):
                return location.removeprefix(PORTAL_TEST_HOST)
            url = location
        raise AssertionError(f"the provider never sent the browser back (last: {url})")

    def callback(self, callback_path: str):
        return self.client.get(callback_path)

    def login(self, provider_id: str, email: str, *, next_url: str = ""):
        return self.callback(self.authorize(self.start(provider_id, next_url=next_url), email))


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


# The page where a person confirms that an existing account is theirs before it is linked.
LINK_URL = "/konto/sso/forbind/"


def logged_in_as(client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None


def linked(user) -> set[str]:
    return set(SocialAccount.objects.filter(user=user).values_list("provider", flat=True))
