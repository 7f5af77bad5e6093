"""HKLM as a dict, for the Windows policy reader's tests off Windows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from trayscore.settings.registry import POLICY_KEY, TENANTS_KEY


class FakeRegistry:
    """HKLM as a dict of key path -> values; records which keys were asked for."""

    def __init__(self, keys: dict[str, dict[str, object]]) -> None:
        self.keys = keys
        self.asked: list[str] = []

    def values(self, key: str) -> Mapping[str, object] | None:
        self.asked.append(key)
        return self.keys.get(key)


def with_tenants(
    values: dict[str, object], entries: Sequence[dict[str, object]], *, first: int = 1
) -> FakeRegistry:
    r"""The policy key with ``values``, and ``entries`` as Tenants\<first>, Tenants\<first+1>..."""
    keys: dict[str, dict[str, object]] = {POLICY_KEY: values}
    for number, entry in enumerate(entries, start=first):
        keys[f"{TENANTS_KEY}\\{number}"] = entry
    return FakeRegistry(keys)
