import pytest

from search.results import search


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """``with indexed(): ...`` saves rows and then runs the index update they queue, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def find():
    """The entries a visitor finds for ``query``, best first."""

    def find(query, language="en", kind=None):
        return list(search(query, language, kind).entries)

    return find


@pytest.fixture
def titles(find):
    return lambda query, language="en", kind=None: [entry.title for entry in find(query, language, kind)]
