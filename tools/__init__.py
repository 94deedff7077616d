"""Development tooling: the seed documents' writer, the benchmark and its data, the load and fault
tests, and the service checks the Makefile runs. Nothing here is part of the site, and no app imports it.
"""
