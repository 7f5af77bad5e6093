"""``trayscore doctor``: each check says what is wrong and what to do next."""
