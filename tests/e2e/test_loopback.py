"""trayscore's own sign-in listener: loopback only, form_post, cancel and timeout."""

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
    # GIVEN a listener  THEN it is bound to 127.0.0.1, not to every interface
    with LoopbackListener() as listener:
        host, port = listener.address
        assert host == "127.0.0.1"
        assert listener.redirect_uri == f"http://localhost:{port}"
        # AND it cannot be reached on the machine's other addresses
        other = non_loopback_address()
        if other is None:
            pytest.skip("this machine has no non-loopback address to try")
        with pytest.raises(OSError), socket.create_connection((other, port), timeout=2):
            pass


def test_form_post_answer_is_received() -> None:
    with LoopbackListener() as listener:
        _, port = listener.address
        response = requests.post(
            f"http://127.0.0.1:{port}/", data={"code": "abc", "state": "xyz"}, timeout=5
        )
        assert response.status_code == 200
        assert "close this tab" in response.text
        assert listener.wait(5) == {"code": "abc", "state": "xyz"}


def test_requests_without_an_answer_are_ignored() -> None:
    with LoopbackListener() as listener:
        _, port = listener.address
        assert requests.get(f"http://127.0.0.1:{port}/favicon.ico", timeout=5).status_code == 404
        requests.get(f"http://127.0.0.1:{port}/?error=access_denied&state=s", timeout=5)
        assert listener.wait(5)["error"] == "access_denied"
        # a second answer does not replace the first
        second = requests.post(f"http://127.0.0.1:{port}/", data={"code": "late"}, timeout=5)
        assert second.status_code == 409


def test_wait_times_out_and_can_be_cancelled() -> None:
    with LoopbackListener() as listener, pytest.raises(SignInCancelled, match="within 0 s"):
        listener.wait(0.2)
    cancel = threading.Event()
    cancel.set()
    with LoopbackListener() as listener, pytest.raises(SignInCancelled, match="cancelled"):
        listener.wait(60, cancel)
