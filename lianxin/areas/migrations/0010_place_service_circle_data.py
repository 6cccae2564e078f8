from django.db import migrations

# Frozen copies of the rows in lianxin/demo/dictionaries.py added with the service circle (issue 21).
DESIGNATIONS = [
    ("party_position", "党建综合阵地"),
    ("cluster_centre", "片区党群服务中心"),
    ("estate_station", "小区工作站"),
    ("service_complex", "嵌入式服务综合体"),
    ("volunteer_station", "志愿服务站"),
    ("party_school_branch", "党校分校"),
]
FUNCTIONS = [
    ("hub", "枢纽"),
    ("learning_exchange", "学习交流"),
    ("mutual_aid", "共享互助"),
    ("deliberation", "议事自治"),
    ("leisure", "娱乐休闲"),
]
CIRCLE_DESIGNATIONS = ["service_centre", "service_station", "cluster_centre", "estate_station", "service_complex"]


def load(apps, schema_editor):
    # The parsers are pure functions of the text; using today's keeps one reading of the hours.
    from lianxin.areas.place_hours import amenities_parse, hours_parse

    Designation = apps.get_model("areas", "PlaceDesignation")
    Function = apps.get_model("areas", "PlaceFunction")
    Place = apps.get_model("areas", "Place")
    PlaceHours = apps.get_model("areas", "PlaceHours")
    for code, name in DESIGNATIONS:
        Designation.objects.get_or_create(code=code, defaults={"name": name})
    for code, name in FUNCTIONS:
        Function.objects.get_or_create(code=code, defaults={"name": name})
    for place in Place.objects.all().iterator():
        PlaceHours.objects.bulk_create(
            PlaceHours(place=place, weekday=d, opens=o, closes=c) for d, o, c in hours_parse(place.opening_hours)
        )
        place.amenity_items = amenities_parse(place.amenities)
        place.in_service_circle = place.designations.filter(code__in=CIRCLE_DESIGNATIONS).exists()
        place.save(update_fields=["amenity_items", "in_service_circle"])


class Migration(migrations.Migration):
    dependencies = [("areas", "0009_place_service_circle")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
