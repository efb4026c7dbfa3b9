"""A real HTTP receiver for the tests: a server on 127.0.0.1 in a thread that checks signatures.

It verifies each request the way the README tells integrators to (the code
below is the README's, not the portal's), records it, and answers with the
next status code of its script (then 200).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def verify(secret: str, body: bytes, header: str, tolerance: int = 300) -> bool:
    # The README's example, word for word.
    fields = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    t, v1 = fields.get("t", ""), fields.get("v1", "")
    # Plain ASCII digits only: a huge or non-ASCII value must say False, not raise.
    if not (t.isascii() and t.isdigit() and len(t) <= 12):
        return False
    if abs(time.time() - int(t)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), v1.encode("utf-8", "replace"))


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    signature_valid: bool

    @property
    def json(self) -> dict:
        return json.loads(self.body)


class Receiver:
    def __init__(self):
        self.requests: list[Received] = []
        self.secrets: dict[str, str] = {}  # path -> secret
        self.script: list[int] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                secret = receiver.secrets.get(self.path, "")
                valid = verify(secret, body, self.headers.get("X-Netvaerk-Signature", ""))
                with receiver.lock:
                    receiver.requests.append(Received(self.path, dict(self.headers), body, valid))
                    status = receiver.script.pop(0) if receiver.script else 200
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "/elsewhere")
                answer = b"ok" if status < 300 else b"receiver trouble"
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def expect(self, subscription, path: str = "/hook") -> None:
        """Check requests to ``path`` with the subscription's secret."""
        self.secrets[path] = subscription.secret

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
