"""Single sign-on through django-allauth's social accounts (OpenID Connect and Microsoft Entra ID).

- ``config``: the providers, read from environment variables into ``SOCIALACCOUNT_PROVIDERS``.
- ``oidc``: allauth's ``openid_connect`` provider with the portal's rules (nonce, signed ID
  token, the Entra tenant allow-list); registered through ``provider_class``.
- ``adapter``: who may become what: a new account is a member account; an existing account
  is linked only after its owner confirms (``services``, ``views``).
"""
