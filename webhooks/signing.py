"""The signature of a webhook: ``X-Netvaerk-Signature: t=<unix time>,v1=<hex>``.

``v1`` is HMAC-SHA256 with the subscription's secret over ``"<t>." + body``
(the raw bytes of the request body). The receiver recomputes it, compares in
constant time and refuses a ``t`` too far from its own clock (replays).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

SIGNATURE_HEADER = "X-Netvaerk-Signature"


def secret_new() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def signature(*, secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def signature_valid(*, secret: str, body: bytes, header: str, tolerance: int = 300, now: float | None = None) -> bool:
    """What a receiver does (the README shows the same in plain Python)."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    t, v1 = fields.get("t", ""), fields.get("v1", "")
    # Plain ASCII digits only: a huge or non-ASCII value must say False, not raise.
    if not (t.isascii() and t.isdigit() and len(t) <= 12):
        return False
    if abs((now if now is not None else time.time()) - int(t)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), v1.encode("utf-8", "replace"))
