"""Allow ``python -m trayscore`` to behave exactly like the ``trayscore`` command."""

from trayscore.cli.main import main

raise SystemExit(main())
