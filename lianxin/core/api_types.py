"""Input types shared by the API's endpoints."""

from typing import Annotated

from ninja import Field

# A primary key as a client may send it: a positive integer the database can hold. Anything else is refused
# as invalid input (422 naming the field) before it reaches a query.
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]
