"""Score sources: each turns one HTTP endpoint into a :class:`~trayscore.core.models.Reading`."""
