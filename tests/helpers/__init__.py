"""Test helpers shared by several test folders (written once, imported, never copied)."""
