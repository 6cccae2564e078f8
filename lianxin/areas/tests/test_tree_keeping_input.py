"""Keeping the tree over the API: bad input gets a 400 with a Chinese message, never a 500 (found by the
API fuzzer: a level that is no level, a name of odd characters)."""

import json

import pytest


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "\u008b\U000151b64", "level": "\u00a1u\U00055643"},
        {"name": "新社区", "level": "no-such-level"},
        {"name": "", "level": "community"},
    ],
)
def test_adding_an_area_with_bad_input_is_refused_clearly(client_as, world, payload):
    client = client_as("county_admin")
    response = client.post(
        f"/api/v1/areas/{world.streets[0].pk}/children",
        data=json.dumps(payload),
        content_type="application/json",
    )

    assert response.status_code == 400, response.content
    assert response.json()["error"]["message"]
