"""Forms of the party pages: keeping organisations (``manage``) and a street's three levels (``street``)."""
