"""What the scores mean, with no Qt and no network: catalogue, bands, readings, errors and policies.

Every other package may import this one; it imports only the standard library (a unit test
enforces it), so the pure rules are tested with plain pytest and load in a millisecond.
"""
