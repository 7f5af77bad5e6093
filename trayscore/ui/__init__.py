"""Qt views: they render a DisplayState and emit signals; they never fetch, sign in or store."""
