"""The tray application: launch (icon first), the root that wires it, and its controllers."""
