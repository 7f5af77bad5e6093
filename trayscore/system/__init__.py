"""The machine trayscore runs on: per-user folders, logs, autostart, private files, hardening."""
