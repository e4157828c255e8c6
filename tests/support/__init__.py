"""Harnesses shared by the tests: the in-process command line (cli), the folder another Unix user can read
(shared_code)."""
