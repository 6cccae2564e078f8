"""Resident ID numbers (GB 11643): 18 characters, the last a check digit computed from the other 17."""

import datetime

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_number_is_valid(value: str) -> bool:
    if len(value) != 18 or not value[:17].isdigit() or value[17] not in "0123456789X":
        return False
    if _CHECK[sum(int(d) * w for d, w in zip(value[:17], _WEIGHTS, strict=True)) % 11] != value[17]:
        return False
    return id_number_birth_date(value) is not None


def id_number_birth_date(value: str) -> datetime.date | None:
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def id_number_is_male(value: str) -> bool:
    """The 17th digit is odd for men, even for women."""
    return int(value[16]) % 2 == 1
