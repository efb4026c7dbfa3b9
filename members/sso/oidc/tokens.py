"""The ID token: its nonce, its signature and claims (PyJWT), and the refusals a person sees."""

from __future__ import annotations

import hmac

import jwt
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

NONCE_SALT = "members.sso.nonce"
# Asymmetric algorithms only: a token signed with the client secret (HS256) or unsigned ("none")
# is never accepted.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
# Clock difference tolerated between the provider and this server (seconds).
LEEWAY_SECONDS = 60


class SSORefused(OAuth2Error):
    """A login the portal refuses: ``reason`` for the log, ``message`` for the person."""

    def __init__(self, reason: str, message=None):
        super().__init__(reason)
        self.reason = reason
        self.user_message = message or _(
            "We could not log you in with this account. Try again, or log in with your email address and password."
        )


def nonce_for_state(state_id: str) -> str:
    """The nonce of the authorization request whose state id this is.

    Derived from the state id (random, kept in the session, used once) with the secret key, so
    an ID token is accepted only in the browser session that asked for it, and only once.
    """
    return salted_hmac(NONCE_SALT, state_id).hexdigest()


def nonce_matches(claims: dict, state_id: str | None) -> bool:
    nonce = claims.get("nonce")
    if not state_id or not isinstance(nonce, str):
        return False
    return hmac.compare_digest(nonce, nonce_for_state(state_id))


def unverified_claims(token: str) -> dict:
    """The claims before any check: only to choose which checks apply (the tenant's issuer)."""
    try:
        return jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise SSORefused(f"unreadable id_token: {error}")


def verified_claims(*, token: str, jwks: dict, audience: str, issuer: str) -> dict:
    """The ID token's claims once its signature, issuer, audience and lifetime are right."""
    try:
        header = jwt.get_unverified_header(token)
        algorithm = header.get("alg")
        if algorithm not in ALGORITHMS:
            raise SSORefused(f"id_token algorithm {algorithm!r} not accepted")
        keys = jwt.PyJWKSet.from_dict(jwks)
        kid = header.get("kid")
        if kid:
            key = keys[kid]
        elif len(keys.keys) == 1:
            key = keys.keys[0]
        else:
            raise SSORefused("id_token names no key")
        claims = jwt.decode(
            token,
            key=key.key,
            algorithms=[algorithm],
            audience=audience,
            issuer=issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except KeyError:
        raise SSORefused("id_token signed with an unknown key")
    except jwt.PyJWTError as error:
        raise SSORefused(f"id_token refused: {error}")
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != audience:
        raise SSORefused("id_token for several audiences without this client as azp")
    return claims
