"""A fake web browser for the sign-in page of the fake identity platform.

A real browser, shown the authorize URL, signs the user in and the identity platform's page
auto-POSTs ``code`` and ``state`` (``response_mode=form_post``) to the app's loopback redirect URI.
This does the same with requests and no JavaScript: GET the page (trusting the fake's CA), read
the form, POST its fields to the form's action.

Two ways to use it:

* in-process: :func:`drive_authorize` (run it where the listener is already up, or in a thread);
* as ``$BROWSER`` for Python's :mod:`webbrowser` (what MSAL uses):
  ``BROWSER="<python> -m tests.fakes.browser %s"``. :mod:`webbrowser` waits for that command, and
  MSAL opens the browser before its listener serves, so the command starts the real work in a
  detached process and exits 0 at once; the detached process retries the POST until the listener
  answers. See :func:`browser_env` for the environment it needs.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import requests

CA_ENV = "TRAYSCORE_FAKE_BROWSER_CA"
"""Path of the PEM CA the browser trusts for https (the fake identity platform's CA)."""
MODE_ENV = "TRAYSCORE_FAKE_BROWSER_MODE"
"""``cancel`` makes the user cancel on the sign-in page (the app gets ``error=access_denied``)."""
LOG_ENV = "TRAYSCORE_FAKE_BROWSER_LOG"
"""Optional file the background browser appends one line per attempt to, for diagnostics."""
USER_ACTION_PARAM = "x_fake_user_action"
"""Query parameter the browser adds to the authorize URL for what the user clicks (``cancel``)."""

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RETRY_SECONDS = 20.0
_RETRY_PAUSE = 0.1
_HTTP_TIMEOUT = 10.0
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class FakeBrowserError(RuntimeError):
    """The sign-in page could not be shown or answered, as a user would see it fail."""


class _FormReader(HTMLParser):
    """Collects the first form's action, method and named input values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.action: str | None = None
        self.method = "get"
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and not self._done and self.action is None:
            self._in_form = True
            self.action = values.get("action", "")
            self.method = values.get("method", "get").lower()
        elif tag == "input" and self._in_form and values.get("name"):
            self.fields[values["name"]] = values.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form = False
            self._done = True


def read_form(html: str, base_url: str) -> tuple[str, str, dict[str, str]]:
    """The first form of a page: (absolute action URL, method, fields)."""
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    if reader.action is None:
        raise FakeBrowserError(f"the page has no form: {html[:300]!r}")
    return urljoin(base_url, reader.action), reader.method, reader.fields


def _with_param(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), (name, value)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def addresses_tried(url: str) -> list[str]:
    """The URLs a browser tries for ``url``, in order: ``localhost`` is ``[::1]`` first.

    Browsers, and getaddrinfo with a standard Debian ``/etc/hosts`` (``::1 localhost``), try the
    IPv6 loopback before 127.0.0.1. These build machines map localhost to 127.0.0.1 only, so the
    fake browser does what a user's browser does by itself. An IP literal is used as it is.
    """
    parts = urlsplit(url)
    if parts.hostname != "localhost":
        return [url]
    port = f":{parts.port}" if parts.port is not None else ""
    return [urlunsplit(parts._replace(netloc=f"{host}{port}")) for host in ("[::1]", "127.0.0.1")]


def _submit_to_app(
    session: requests.Session, method: str, url: str, fields: dict[str, str], deadline: float
) -> requests.Response:
    """Deliver the answer to the app's loopback redirect URI, retrying until its listener is up.

    Like a browser, the first address that accepts the connection gets the answer, whoever
    listens there.
    """
    host = urlsplit(url).hostname or ""
    if host not in _LOOPBACK_HOSTS:
        raise FakeBrowserError(f"refusing to send the sign-in answer off this machine: {url}")
    while True:
        for address in addresses_tried(url):
            try:
                if method == "post":
                    return session.post(
                        address, data=fields, timeout=_HTTP_TIMEOUT, allow_redirects=False
                    )
                return session.get(address, timeout=_HTTP_TIMEOUT, allow_redirects=False)
            except requests.ConnectionError:
                continue
        if time.monotonic() >= deadline:
            raise requests.ConnectionError(f"nobody listens at {url}")
        time.sleep(_RETRY_PAUSE)  # polling a listener that is not up yet; bounded by deadline


def drive_authorize(
    url: str, ca_file: str, *, cancel: bool = False, retry_for: float = DEFAULT_RETRY_SECONDS
) -> None:
    """Open the authorize URL like a user who signs in (or cancels) and let the page answer the app.

    Raises FakeBrowserError when the identity platform shows an error page instead of the
    auto-submitting form, and requests.ConnectionError when the app's listener never answered
    within ``retry_for`` seconds. The app's reply page (its status) is not judged: a browser shows
    whatever page it gets.
    """
    deadline = time.monotonic() + retry_for
    if cancel:
        url = _with_param(url, USER_ACTION_PARAM, "cancel")
    with requests.Session() as session:
        # The environment (REQUESTS_CA_BUNDLE, proxies) must not override the CA we trust,
        # nor route loopback traffic through a proxy.
        session.trust_env = False
        session.verify = ca_file
        page = session.get(url, timeout=_HTTP_TIMEOUT, allow_redirects=False)
        if page.is_redirect:  # response_mode=query: the answer is in the Location
            location = urljoin(url, page.headers["Location"])
            _submit_to_app(session, "get", location, {}, deadline)
            return
        if page.status_code != 200:
            raise FakeBrowserError(f"sign-in page failed: {page.status_code} {page.text[:300]!r}")
        action, method, fields = read_form(page.text, url)
        _submit_to_app(session, method, action, fields, deadline)


def browser_env(ca_file: str, *, cancel: bool = False, log: str | None = None) -> dict[str, str]:
    """Environment variables that make :mod:`webbrowser` (so MSAL) use this fake browser.

    ``BROWSER`` holds ``%s`` so that :mod:`webbrowser` splits it into a command line; PYTHONPATH
    makes ``tests.fakes.browser`` importable whatever the current directory.
    """
    python_path = os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH")) if p)
    env = {
        "BROWSER": f"{shlex.quote(sys.executable)} -m tests.fakes.browser %s",
        CA_ENV: ca_file,
        MODE_ENV: "cancel" if cancel else "sign-in",
        "PYTHONPATH": python_path,
    }
    if log is not None:
        env[LOG_ENV] = log
    return env


def _log(line: str) -> None:
    path = os.environ.get(LOG_ENV)
    if path:
        stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
        with Path(path).open("a", encoding="utf-8") as log:
            log.write(f"{stamp} {line}\n")


def _run_now(url: str) -> int:
    ca_file = os.environ.get(CA_ENV)
    if not ca_file:
        _log(f"error: {CA_ENV} is not set")
        return 2
    cancel = os.environ.get(MODE_ENV, "") == "cancel"
    try:
        drive_authorize(url, ca_file, cancel=cancel)
    except (FakeBrowserError, requests.RequestException) as error:
        _log(f"error: {type(error).__name__}: {error}")
        return 1
    _log(f"done: {'cancelled' if cancel else 'signed in'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``$BROWSER`` entry: detach the work and return at once, or (``--now``) do it."""
    parser = argparse.ArgumentParser(prog="python -m tests.fakes.browser")
    parser.add_argument("url")
    parser.add_argument("--now", action="store_true", help="drive the page in this process")
    args = parser.parse_args(argv)
    url: str = args.url
    if args.now:
        return _run_now(url)
    # Detached, with no inherited stdout/stderr: a caller that reads our output until EOF
    # (subprocess.run(capture_output=True)) must not wait for the background work.
    subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.browser", "--now", url],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _log(f"opened: {url.split('?', 1)[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


class BackgroundBrowser:
    """An ``open_browser`` for AuthService: drives the authorize page on a thread, as a user's
    browser would while msal waits for the answer; :meth:`join` waits for them all."""

    def __init__(self, ca_file: str) -> None:
        self._ca_file = ca_file
        self.threads: list[threading.Thread] = []

    def __call__(self, url: str) -> bool:
        browser = threading.Thread(target=drive_authorize, args=(url, self._ca_file), daemon=True)
        self.threads.append(browser)
        browser.start()
        return True

    def join(self, timeout: float = 10.0) -> None:
        for browser in self.threads:
            browser.join(timeout=timeout)
