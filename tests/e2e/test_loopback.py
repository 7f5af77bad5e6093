"""trayscore's own sign-in listener: loopback only, form_post, state-bound, cancel and timeout."""

from __future__ import annotations

import socket
import threading

import pytest
import requests
from trayscore.auth.loopback import LoopbackListener, SignInCancelled


def non_loopback_address() -> str | None:
    """An address of this machine that is not loopback (none on an isolated box)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: picks a route, sends nothing
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") or address == "0.0.0.0" else address  # noqa: S104


def test_the_listener_binds_127_0_0_1_only() -> None:
    """The redirect URI is the IP literal, never ``localhost``.

    RFC 8252 (OAuth 2.0 for Native Apps) section 7.3 builds loopback redirects from the IP literal
    and any port; section 8.3 calls ``localhost`` NOT RECOMMENDED. Microsoft's page "Redirect URI
    (reply URL) best practices and limitations" (learn.microsoft.com/entra/identity-platform/
    reply-url, "Localhost exceptions") ignores the port of a loopback redirect URI when matching
    and advises 127.0.0.1 over localhost: the registration holds ``http://127.0.0.1``.
    """
    # GIVEN a listener  THEN it is bound to 127.0.0.1, not to every interface
    with LoopbackListener() as listener:
        host, port = listener.address
        assert host == "127.0.0.1"
        # AND the browser is sent to that address itself, never to a name that may mean [::1]
        assert listener.redirect_uri == f"http://127.0.0.1:{port}"
        # AND it cannot be reached on the machine's other addresses
        other = non_loopback_address()
        if other is None:
            pytest.skip("this machine has no non-loopback address to try")
        with pytest.raises(OSError), socket.create_connection((other, port), timeout=2):
            pass


def test_form_post_answer_is_received() -> None:
    with LoopbackListener("xyz") as listener:
        response = requests.post(
            listener.redirect_uri, data={"code": "abc", "state": "xyz"}, timeout=5
        )
        assert response.status_code == 200
        assert "close this tab" in response.text
        assert listener.wait(5) == {"code": "abc", "state": "xyz"}


def test_each_listener_has_its_own_unguessable_state() -> None:
    # GIVEN two listeners made without a state  THEN each drew a long random one of its own
    with LoopbackListener() as first, LoopbackListener() as second:
        assert first.state != second.state
        assert len(first.state) >= 32


def test_requests_without_an_answer_are_ignored() -> None:
    with LoopbackListener("s") as listener:
        _, port = listener.address
        assert requests.get(f"http://127.0.0.1:{port}/favicon.ico", timeout=5).status_code == 404
        requests.get(f"http://127.0.0.1:{port}/?error=access_denied&state=s", timeout=5)
        assert listener.wait(5)["error"] == "access_denied"
        # a second answer does not replace the first
        second = requests.post(
            listener.redirect_uri, data={"code": "late", "state": "s"}, timeout=5
        )
        assert second.status_code == 409


def test_answers_for_another_state_are_dropped_and_the_right_one_still_wins() -> None:
    """Junk from another local process does not end the sign-in (RFC 6749 section 10.12)."""
    with LoopbackListener("the-real-state") as listener:
        # GIVEN junk posted first: a wrong state, no state, an error for another request
        junk = [
            {"code": "stolen-or-junk", "state": "guess"},
            {"code": "no-state"},
            {"error": "access_denied", "state": "other"},
        ]
        for fields in junk:
            answer = requests.post(listener.redirect_uri, data=fields, timeout=5)
            # THEN each is refused and not taken
            assert answer.status_code == 400
        assert listener.dropped == len(junk)
        with pytest.raises(SignInCancelled, match="within 0 s"):
            listener.wait(0.2)
        # WHEN the browser's real answer arrives  THEN it is the one the sign-in gets
        real = {"code": "good", "state": "the-real-state"}
        assert requests.post(listener.redirect_uri, data=real, timeout=5).status_code == 200
        assert listener.wait(5) == real


def test_wait_times_out_and_can_be_cancelled() -> None:
    with LoopbackListener() as listener, pytest.raises(SignInCancelled, match="within 0 s"):
        listener.wait(0.2)
    cancel = threading.Event()
    cancel.set()
    with LoopbackListener() as listener, pytest.raises(SignInCancelled, match="cancelled"):
        listener.wait(60, cancel)
