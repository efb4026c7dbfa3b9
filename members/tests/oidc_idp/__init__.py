"""A real OpenID Connect identity provider for the single sign-on tests (allauth.idp.oidc).

Run as its own process by the ``oidc_provider`` fixture (members/tests/conftest.py), on a
free port, with its own SQLite database: ``python -m members.tests.oidc_idp.serve SETUP.json``.
It issues ID tokens like any provider and, for clients marked ``entra``, like Microsoft Entra
ID: a ``tid`` claim for the person's organisation and the tenant's issuer
(``<base>/<tid>/v2.0``), with Entra's multi-tenant discovery document at
``/organizations/v2.0/.well-known/openid-configuration``.
"""
