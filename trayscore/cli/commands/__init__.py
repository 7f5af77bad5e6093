"""One module per command; ``trayscore.cli.main`` imports only the one that runs."""
