"""msal's HTTP client: timeouts on every sign-in request, and no redirect after a POST."""

from __future__ import annotations

from typing import Any, Final

import requests

from trayscore.sources.http import ApiSession
from trayscore.sources.limits import HttpLimits


class RedirectRefused(requests.RequestException):
    """A token endpoint answered a POST with a redirect, which is not followed."""


class TooSlow(requests.RequestException):
    """A sign-in request took longer than its total deadline and was cut off."""


HTTP_REDIRECTS: Final = range(300, 400)


class TokenSession(ApiSession):
    """msal's ``http_client``: timeouts on every call, and no redirect for a POST.

    msal ignores its own ``timeout`` once it is given a session, so the default lives here
    (connect and read, and the watchdog's total). A POST to the token endpoint carries an
    authorization code, a refresh token or a device code: a redirect, even to a 307 that would
    repeat the body, is refused instead of followed (issue 17, finding 10).
    """

    def __init__(self, limits: HttpLimits | None = None) -> None:
        super().__init__()
        self.limits = limits or HttpLimits()

    def request(
        self,
        method: str | bytes,
        url: str | bytes,
        *args: Any,
        **kwargs: Any,
    ) -> requests.Response:
        """Requests' request, with default timeouts, a total deadline and POST redirects off."""
        kwargs.setdefault("timeout", (self.limits.connect_seconds, self.limits.read_seconds))
        post = str(method, "ascii") if isinstance(method, bytes) else method
        if post.upper() == "POST":
            kwargs["allow_redirects"] = False
        with self.watchdog.deadline(self.limits.total_seconds) as watch:
            try:
                response = super().request(method, url, *args, **kwargs)
            except requests.RequestException:
                if watch.fired:
                    raise self._too_slow() from None
                raise
        if watch.fired:  # a cut can look like a short answer: headers ended by EOF
            response.close()
            raise self._too_slow()
        if post.upper() == "POST" and response.status_code in HTTP_REDIRECTS:
            response.close()
            raise RedirectRefused(f"HTTP {response.status_code} redirect from the token endpoint")
        return response

    def _too_slow(self) -> TooSlow:
        return TooSlow(f"no answer within {self.limits.total_seconds:g} s")
