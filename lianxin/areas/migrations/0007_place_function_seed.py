from django.db import migrations

# A frozen copy of PLACE_FUNCTIONS in lianxin/demo/dictionaries.py at the time of this migration.
PLACE_FUNCTIONS = [
    ("party_education", "党性教育"),
    ("business_training", "业务培训"),
    ("product_promotion", "产品推介"),
    ("live_streaming", "电商直播"),
    ("government_services", "政务服务"),
    ("convenience_services", "便民服务"),
    ("volunteer_service", "志愿服务"),
    ("culture_sports", "文体活动"),
]


def load(apps, schema_editor):
    PlaceFunction = apps.get_model("areas", "PlaceFunction")
    for code, name in PLACE_FUNCTIONS:
        PlaceFunction.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("areas", "0006_place_functions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
