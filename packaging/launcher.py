"""The frozen app's entry point: the same as the ``trayscore`` console script."""

from trayscore.cli.main import main

raise SystemExit(main())
