"""trayscore: the Microsoft Defender exposure score in the system tray."""

__version__ = "0.1.0"
