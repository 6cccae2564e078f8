"""The demo county's yearly facts (P000-54, P001-03, P001-04, P003-30, P004-01): fictional figures in the
shape the sources give them. A fact and year someone has recorded already (now or before) is left alone."""

from datetime import date

from lianxin.areas.dated_facts import area_fact_record
from lianxin.areas.models import AreaFact

SOURCE = "演示数据"
COUNTY_FACTS = [
    ("online_retail_sales", 2024, "41.6"),
    ("online_retail_sales", 2025, "47.3"),
    ("planned_urban_area", 2021, "57"),
    ("pilot_designation", 2021, "全省县城城市基层党建试点县"),
    ("pilot_start", 2021, date(2021, 7, 1)),
    ("resident_population", 2022, "217000"),
    ("urban_resident_population", 2022, "112623"),
    ("urbanisation_rate", 2022, "51.9"),
    ("resident_population", 2023, "217400"),
    ("urban_resident_population", 2023, "114787"),
    ("urbanisation_rate", 2023, "52.8"),
]
CITY_FACTS = [("honours", 2021, "全国城市基层党建示范市、全国快递进村试点市")]


def area_facts_ensure(built) -> int:
    written = 0
    for area, facts in ((built.county, COUNTY_FACTS), (built.city, CITY_FACTS)):
        known = set(AreaFact.objects.filter(area=area).values_list("key", "year"))
        for key, year, value in facts:
            if (key, year) not in known:
                area_fact_record(None, area=area, key=key, year=year, value=value, source=SOURCE)
                written += 1
    return written
