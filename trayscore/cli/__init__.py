"""The ``trayscore`` command line: one module per command behind a small dispatch."""
