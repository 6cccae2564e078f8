from lianxin.core.geo import distance_m


def test_a_degree_of_latitude_is_about_111_km_and_a_point_is_no_distance_from_itself():
    assert round(distance_m(35.0, 115.0, 36.0, 115.0)) == 111195
    assert distance_m(35.24, 115.48, 35.24, 115.48) == 0
