"""Distances on the earth's surface, for placing reports and finding the nearest station."""

import math

EARTH_RADIUS_M = 6371000.0


def distance_m(lat1, lng1, lat2, lng2) -> float:
    """Great-circle distance in metres (haversine): exact enough to compare places within a county."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lng2) - float(lng1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))
