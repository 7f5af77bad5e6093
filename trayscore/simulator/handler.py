"""The simulator's HTTP side: bearer-token checks, scripted answers, and a quiet loopback server.

Requests are never logged (they carry bearer tokens), only GET is served, and a client that
hangs up early is normal here (the client's timeouts and body cap are what tests exercise).
Tenant ``i`` is served under ``/tenants/i``; the paths at the root are tenant 1's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Final

from trayscore.simulator.bodies import normal_body
from trayscore.simulator.faults import Answer, error_body
from trayscore.simulator.state import SimulatorState

LOOPBACK: Final = "127.0.0.1"
HOLD_LIMIT_SECONDS: Final = 600.0
TENANTS_PATH: Final = "/tenants/"


def tenant_path(number: int) -> str:
    """The base path of tenant ``number``: ``/tenants/2``."""
    return f"{TENANTS_PATH}{number}"


def split_tenant(target: str, count: int) -> tuple[int, str, str] | None:
    """(tenant number, its base path, the target under it) for a request target.

    A target outside ``/tenants/`` is tenant 1's at the root; None names no tenant of the
    ``count`` served (``/tenants/0/...``, ``/tenants/07/...``, one beyond ``count``).
    """
    if not target.startswith(TENANTS_PATH):
        return 1, "", target
    number, slash, rest = target.removeprefix(TENANTS_PATH).partition("/")
    if not (slash and number.isascii() and number.isdigit()) or number != str(int(number)):
        return None
    if not 1 <= int(number) <= count:
        return None
    return int(number), tenant_path(int(number)), slash + rest


class ApiRequestHandler(BaseHTTPRequestHandler):
    """One request to the simulated API: the normal answer, or the scripted one in its place."""

    server: SimulatorServer
    protocol_version = "HTTP/1.1"
    server_version = "trayscore-simulator"
    timeout = 60

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: requests are not logged (they carry bearer tokens)."""

    def _send(self, status: int, body: bytes, headers: Iterable[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        names = set()
        for name, value in headers:
            self.send_header(name, value)
            names.add(name.lower())
        if "content-type" not in names:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        if "content-length" not in names:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _authorized(self, state: SimulatorState) -> bool:
        value = self.headers.get("Authorization", "")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return False
        if state.accept is not None:
            return state.accept(token)
        return state.token is None or token == state.token

    def _normal_body(self, state: SimulatorState) -> bytes | None:
        """The normal answer of the tenant the request names; None for no tenant or path."""
        routed = split_tenant(self.path, len(state.tenants))
        if routed is None:
            return None
        number, base, target = routed
        now = state.wall()
        step = state.step()
        here = f"http://{self.headers.get('Host', LOOPBACK)}{base}"
        return normal_body(state.tenants[number - 1], target, now, step, here)

    def do_GET(self) -> None:
        """Serve one API request, or the scripted answer in its place."""
        state = self.server.state
        with state.lock:
            state.user_agents.append(self.headers.get("User-Agent", ""))
        routed = split_tenant(self.path.split("?", 1)[0], len(state.tenants))
        number, path = (routed[0], routed[2]) if routed else (None, self.path)
        answer = state.next_answer(number, path)
        if answer is None:
            self._serve_normal(state)
            return
        self._serve_scripted(state, answer)

    def _serve_normal(self, state: SimulatorState) -> None:
        path = self.path.split("?", 1)[0]
        if not self._authorized(state):
            self._send(401, error_body("Unauthorized", "Invalid Authorization token"))
            return
        try:
            body = self._normal_body(state)
        except ValueError as error:
            self._send(400, error_body("BadRequest", str(error)))
            return
        if body is None:
            self._send(404, error_body("ResourceNotFound", f"No resource at {path}"))
            return
        self._send(200, body)

    def _serve_scripted(self, state: SimulatorState, answer: Answer) -> None:
        with state.lock:
            release = state.release
        if answer.hold:
            release.wait(HOLD_LIMIT_SECONDS)
        if answer.delay_seconds:
            release.wait(answer.delay_seconds)
        body = answer.body
        if body is None:
            try:
                body = self._normal_body(state) or b""
            except ValueError:
                body = b""
        headers = list(answer.headers)
        if answer.status == 429 and not any(n.lower() == "retry-after" for n, _ in headers):
            when = state.wall() + timedelta(seconds=90)
            headers.append(("Retry-After", format_datetime(when, usegmt=True)))
        if answer.cut_short:
            headers.append(("Content-Length", str(len(body) + 100)))
            headers.append(("Connection", "close"))
            self.close_connection = True
        self._send(answer.status, body, headers)

    def _refuse_method(self) -> None:
        self._send(405, error_body("MethodNotAllowed", "Only GET is supported"))

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse_method  # noqa: N815


class SimulatorServer(ThreadingHTTPServer):
    """A threading HTTP server holding the simulator's shared state for its handlers."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], state: SimulatorState) -> None:
        super().__init__(address, ApiRequestHandler)
        self.state = state

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up early (a timeout, a cap) is normal here, not worth a trace."""
        del request, client_address
