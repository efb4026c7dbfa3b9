"""Start the tests' identity provider: migrate, create the people and clients, serve.

Prints its base URL (a free port on 127.0.0.1) on the first line of output once it accepts
connections, then serves until it is terminated.
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


def setup() -> None:
    from allauth.account.models import EmailAddress
    from allauth.idp.oidc.models import Client
    from django.conf import settings
    from django.contrib.auth import get_user_model

    for person in settings.SETUP["users"]:
        user = get_user_model().objects.create_user(
            username=person["email"].split("@")[0] + str(len(person["email"])),
            email=person["email"],
            password=person["password"],
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
        )
        if person.get("address", True):  # without one, the provider gives no email claim
            EmailAddress.objects.create(
                user=user, email=person["email"], verified=person.get("verified", True), primary=True
            )
    for spec in settings.SETUP["clients"]:
        client = Client(id=spec["id"], name=spec["id"], skip_consent=True, data={"entra": spec.get("entra", False)})
        client.set_secret(spec["secret"])
        client.set_scopes(["openid", "profile", "email"])
        client.set_redirect_uris(spec["redirect_uris"])
        client.save()


def main() -> None:
    os.environ["OIDC_IDP_SETUP"] = sys.argv[1]
    os.environ["DJANGO_SETTINGS_MODULE"] = "members.tests.oidc_idp.settings"
    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    setup()
    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), server_class=ThreadingServer, handler_class=QuietHandler
    )
    print(f"http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
