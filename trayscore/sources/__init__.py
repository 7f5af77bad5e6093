"""Score sources: each turns one HTTP endpoint into a :class:`~trayscore.models.Reading`."""
