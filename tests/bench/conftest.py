# The benchmark is run by `make bench`, never by pytest: nothing here is a test.
collect_ignore_glob = ["*.py"]
