"""What one check found: works, broken (blocking or not), or a warning; and its two forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from trayscore.doctor.words import Translate, check_title, speaking, translate

MARKS: Final = {True: "✓", False: "✗", None: "!"}


@dataclass(frozen=True)
class Check:
    """One check's result; ``blocking`` failures make the command exit non-zero."""

    name: str
    ok: bool | None
    detail: str
    fix: str = ""
    blocking: bool = False
    title: str = ""  # the name in the user's language, for the human line

    def __post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", check_title(self.name))

    def to_json(self) -> dict[str, object]:
        """The stable machine form (``blocking`` is not part of it)."""
        return {"check": self.name, "ok": self.ok, "detail": self.detail, "fix": self.fix}

    def line(self, translate_with: Translate | None = None) -> str:
        """The human form: mark, name, detail and, when not ok, the fix."""
        with speaking(translate_with):
            text = translate("Doctor", "{mark} {name}: {detail}").format(
                mark=MARKS[self.ok], name=self.title, detail=self.detail
            )
            if self.ok is not True and self.fix:
                text = translate("Doctor", "{line} → {fix}").format(line=text, fix=self.fix)
            return text


def passed(name: str, detail: str) -> Check:
    """A check that works."""
    return Check(name, ok=True, detail=detail)


def broken(name: str, detail: str, fix: str = "", *, blocking: bool = False) -> Check:
    """A check that failed; ``blocking`` makes the command exit non-zero."""
    return Check(name, ok=False, detail=detail, fix=fix, blocking=blocking)


def warning(name: str, detail: str, fix: str = "") -> Check:
    """A warning, or a check that does not apply here."""
    return Check(name, ok=None, detail=detail, fix=fix)


def failed(checks: list[Check]) -> bool:
    """True when a blocking check failed."""
    return any(check.ok is False and check.blocking for check in checks)
