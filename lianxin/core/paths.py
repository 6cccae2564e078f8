"""Materialised tree paths (django-treebeard's ``MP_Node.path``), in one place.

Every level of a tree adds ``steplen`` characters to the path, so a node's ancestors are the prefixes of its
path whose length is a multiple of ``steplen``, its depth is the path's length over ``steplen``, and
"at or under" is a prefix test. Areas and party organisations take four characters a level (treebeard's
default, ``STEPLEN``); case categories three (pass ``steplen=Category.steplen``). Records placed on the tree
copy their area's path (``area_path``), so the same helpers serve them.
"""

from django.db.models import Q

STEPLEN = 4

# Sorts after every character of treebeard's path alphabet (0-9A-Z).
PATH_END = "~"


def path_depth(path: str, steplen: int = STEPLEN) -> int:
    """The depth of the node at ``path``: 1 for a root, 0 for the empty path."""
    return len(path) // steplen


def ancestor_path(path: str, depth: int, steplen: int = STEPLEN) -> str:
    """The path of the node's ancestor at ``depth`` (1 is the root); ``path`` itself when it is not deeper."""
    return path[: depth * steplen]


def parent_path(path: str, steplen: int = STEPLEN) -> str:
    """The path of the node's parent; the empty path for a root."""
    return path[:-steplen]


def root_path(path: str, steplen: int = STEPLEN) -> str:
    """The path of the root of the node's tree."""
    return path[:steplen]


def ancestor_paths(path: str, steplen: int = STEPLEN, *, include_self: bool = True) -> list[str]:
    """The paths of the node's ancestors, the root's first, and the node's own last unless
    ``include_self`` is false."""
    end = len(path) + 1 if include_self else len(path)
    return [path[:n] for n in range(steplen, end, steplen)]


def is_under(path: str, ancestor: str) -> bool:
    """Whether the node at ``path`` is at or under the node at ``ancestor`` (every node is under itself)."""
    return path.startswith(ancestor)


def under(field: str, path: str) -> Q:
    """Rows whose ``field`` path lies at or under ``path``.

    A range, not ``startswith``: Django's LIKE is not served by the index on SQLite (case-insensitive LIKE)
    nor on PostgreSQL (non-C collations); a range on the same B-tree index is, on both.
    """
    return Q(**{f"{field}__gte": path, f"{field}__lt": path + PATH_END})
