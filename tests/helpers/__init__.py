"""Helpers shared by many test modules: written once here, imported where needed."""
