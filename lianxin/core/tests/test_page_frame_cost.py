"""The page frame (middleware, navigation, base template) reads a signed-in user's posts once per request:
the context is kept on the user behind ``request.user``, which the templates' properties reach too."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

# A grid worker's empty /inbox/: 16 statements before issue 24's page-frame round (posts read twice).
MAX_STATEMENTS = 15


def test_an_empty_inbox_reads_the_posts_once(client_as, cast):
    client = client_as("grid_worker")
    assert client.get("/inbox/").status_code == 200

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/inbox/")

    assert response.status_code == 200
    statements = [q["sql"] for q in captured.captured_queries]
    assert sum(1 for s in statements if s.startswith('SELECT "people_post"')) == 1, "\n".join(statements)
    assert len(statements) <= MAX_STATEMENTS, "\n".join(statements)
