"""The portal's OpenID Connect provider (allauth ``openid_connect``, ``provider_class``)."""

from .provider import PortalOIDCProvider

__all__ = ["PortalOIDCProvider"]
