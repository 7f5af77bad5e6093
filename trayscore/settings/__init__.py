"""The settings: one schema row per key, loaded from user, administrator, environment, registry."""
