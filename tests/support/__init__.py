"""Harnesses shared by the tests (on the path by pyproject's `pythonpath`, whatever folder a test file is in):
cli, `lkjip ARGS` run in process through the entry point; pty, the real TUI in a pseudo-terminal read back as a
screen; shared_code, lkjip's code copied where another Unix user can read it."""
