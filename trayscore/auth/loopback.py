"""The loopback listener that receives the browser's sign-in answer.

msal's own listener binds 0.0.0.0 when it thinks it runs in a container, which would let anyone on
the network post an authorization code to it. trayscore listens on 127.0.0.1 only, everywhere,
accepts the ``form_post`` answer Entra sends, and can be cancelled or time out.

Other people on the same machine are the threat this listener is shaped by:

* The redirect URI names the IP literal ``http://127.0.0.1:PORT`` (RFC 8252 section 8.3), never
  ``localhost``: browsers resolve ``localhost`` to ``::1`` first, where another local user can
  bind the same port and receive the code.
* Any local process can post to the port. An answer whose ``state`` is not the one this sign-in
  sent is dropped and the listener keeps waiting until its timeout, so junk cannot end the sign-in
  (RFC 6749 section 10.12: the state binds the answer to the request).
"""

from __future__ import annotations

import hmac
import html
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Final
from urllib.parse import parse_qs, urlsplit

from trayscore.core.errors import SignInRequired

LOOPBACK: Final = "127.0.0.1"
MAX_FORM_BYTES: Final = 64 * 1024
_PAGE: Final = (
    "<!doctype html><html><head><meta charset='utf-8'><title>trayscore</title></head>"
    "<body style='font-family:sans-serif;margin:3em'><h1>{title}</h1><p>{text}</p></body></html>"
)


class SignInCancelled(SignInRequired):
    """The user cancelled sign-in, or it timed out; nothing changed."""

    kind = "sign-in-cancelled"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, state: str) -> None:
        super().__init__((LOOPBACK, 0), _Handler)
        self.state = state
        self.answer: dict[str, str] | None = None
        self.arrived = threading.Event()
        self.dropped = 0
        self.lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that hangs up early is not an error worth a trace."""
        del request, client_address


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 30

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: the query or body may hold an authorization code."""

    def _respond(self, status: int, title: str, text: str) -> None:
        body = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _take(self, fields: dict[str, list[str]]) -> None:
        answer = {key: values[0] for key, values in fields.items() if values}
        if "code" not in answer and "error" not in answer:
            self._respond(404, "Not found", "This address only receives trayscore's sign-in.")
            return
        if not hmac.compare_digest(answer.get("state", "").encode(), self.server.state.encode()):
            with self.server.lock:
                self.server.dropped += 1
            self._respond(
                400, "Not this sign-in", "This answer is not for the sign-in trayscore waits for."
            )
            return
        if self.server.arrived.is_set():
            self._respond(409, "Already done", "trayscore has already received a sign-in answer.")
            return
        self.server.answer = answer
        self.server.arrived.set()
        if "error" in answer:
            self._respond(200, "Sign-in did not finish", "You can close this tab.")
        else:
            self._respond(200, "Signed in", "You can close this tab and return to trayscore.")

    def do_GET(self) -> None:
        """Accept an answer in the query string (response_mode=query)."""
        self._take(parse_qs(urlsplit(self.path).query))

    def do_POST(self) -> None:
        """Accept the form_post answer Entra sends."""
        length_text = self.headers.get("Content-Length", "0")
        length = int(length_text) if length_text.isdigit() else 0
        if length > MAX_FORM_BYTES:
            self._respond(413, "Too large", "The sign-in answer is too large.")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        self._take(parse_qs(body))


class LoopbackListener:
    """Listens on 127.0.0.1 on a free port until the answer carrying ``state`` arrives.

    ``state`` is the value the authorization request sends (a fresh random one by default); pass
    it on to the request (msal's ``initiate_auth_code_flow(state=...)``).
    """

    def __init__(self, state: str | None = None) -> None:
        self._server = _Server(state or secrets.token_urlsafe(32))
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="trayscore-sign-in-listener",
            daemon=True,
        )
        self._thread.start()

    @property
    def address(self) -> tuple[str, int]:
        """The bound address (always 127.0.0.1)."""
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def state(self) -> str:
        """The ``state`` an answer must carry to be taken."""
        return self._server.state

    @property
    def dropped(self) -> int:
        """How many answers were dropped because their ``state`` was not this sign-in's."""
        return self._server.dropped

    @property
    def redirect_uri(self) -> str:
        """``http://127.0.0.1:PORT``, registered as ``http://127.0.0.1`` (Entra allows any port)."""
        return f"http://{LOOPBACK}:{self.address[1]}"

    def wait(self, timeout: float, cancel: threading.Event | None = None) -> dict[str, str]:
        """The answer's fields; raises SignInCancelled on cancel or timeout."""
        deadline = time.monotonic() + timeout
        while not self._server.arrived.wait(0.1):
            if cancel is not None and cancel.is_set():
                raise SignInCancelled("Sign-in was cancelled.")
            if time.monotonic() > deadline:
                raise SignInCancelled(
                    f"Sign-in did not finish within {timeout:.0f} s; try again "
                    "(or use a device code)."
                )
        assert self._server.answer is not None  # noqa: S101 - set before the event
        return self._server.answer

    def close(self) -> None:
        """Stop listening."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
