"""Failures in the user's language, for the tooltip, the menu and the notifications.

The core's messages are English and precise (they are also the CLI's output). In English the GUI
shows them as they are; in another language it shows the translated sentence for the error's
kind, and the precise English detail stays in the log and in ``trayscore doctor``.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication

from trayscore.core.errors import TrayscoreError

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def _kind_texts() -> dict[str, tuple[str, str]]:
    """Per kind: (English source, its translation); literal so lupdate finds every one."""
    return {
        "config": ("Check the settings.", translate("Errors", "Check the settings.")),
        "sign-in-required": (
            "Sign-in needed: choose Sign in... in the trayscore menu.",
            translate("Errors", "Sign-in needed: choose Sign in... in the trayscore menu."),
        ),
        "permission-missing": (
            "Signed in, but without permission to read the score (Score.Read and a Defender role).",
            translate(
                "Errors",
                "Signed in, but without permission to read the score "
                "(Score.Read and a Defender role).",
            ),
        ),
        "feature-disabled": (
            "Defender Vulnerability Management is not enabled or licensed for this tenant.",
            translate(
                "Errors",
                "Defender Vulnerability Management is not enabled or licensed for this tenant.",
            ),
        ),
        "not-found": (
            "The score's address was not found: check the cloud and region in settings.",
            translate(
                "Errors",
                "The score's address was not found: check the cloud and region in settings.",
            ),
        ),
        "api-retired": (
            "Microsoft retired the Defender for Endpoint API: choose Secure Score in Settings.",
            translate(
                "Errors",
                "Microsoft retired the Defender for Endpoint API: choose Secure Score in Settings.",
            ),
        ),
        "throttled": (
            "Too many requests: trayscore waits as the service asked.",
            translate("Errors", "Too many requests: trayscore waits as the service asked."),
        ),
        "service-unavailable": (
            "The Defender service is not answering properly; trying again later.",
            translate(
                "Errors", "The Defender service is not answering properly; trying again later."
            ),
        ),
        "unreachable": (
            "Cannot reach the Defender service: check the network or the proxy.",
            translate(
                "Errors", "Cannot reach the Defender service: check the network or the proxy."
            ),
        ),
        "tls": (
            "The secure connection failed (a TLS-inspecting proxy?). See trayscore doctor.",
            translate(
                "Errors",
                "The secure connection failed (a TLS-inspecting proxy?). See trayscore doctor.",
            ),
        ),
        "bad-response": (
            "The service's answer could not be used; trying again later.",
            translate("Errors", "The service's answer could not be used; trying again later."),
        ),
    }


def localized(error: TrayscoreError) -> TrayscoreError:
    """The same error (same type and fields) with a message in the user's language."""
    source, translated = _kind_texts().get(error.kind, ("", ""))
    if not translated or translated == source:
        return error  # English, or a kind without a sentence: the precise message
    copied = copy.copy(error)
    copied.args = (translated,)
    return copied
