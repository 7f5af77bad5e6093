"""Desktop notifications, NormCap-style: one backend per module behind :class:`base.Notifier`.

``center`` is what the app talks to (the policy's state, the words, the clicks coming back);
``texts`` words a notice; ``dbus`` (freedesktop over jeepney) and ``balloon`` (the tray icon's
own message) show it; ``choice`` picks the backend, in that one place. Nothing is imported here,
so the app loads each part only when it needs it.
"""
