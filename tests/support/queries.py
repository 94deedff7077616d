"""Count the database queries of one page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, path, data=None):
    """How many queries a GET of ``path`` makes; the page must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, data)
    assert response.status_code == 200, path
    return len(captured)
