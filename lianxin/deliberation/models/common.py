"""What the deliberation models share: the paths of a person's home (a resident reaches his estate's topics
and the public meetings of his estate, community and street through them)."""

from django.db.models import Q

from lianxin.core.paths import ancestor_paths


def home_paths(person_id: int) -> list[str]:
    """The area paths of a person's home and every area above it (none without a home)."""
    from lianxin.people.models import Person

    row = Person.objects.filter(pk=person_id).values_list("area_path", "household__area_path").first()
    if row is None:
        return []
    path = row[1] or row[0] or ""
    return ancestor_paths(path) if path else []


def at_home(person_id: int, field: str = "area_path") -> Q:
    paths = home_paths(person_id)
    return Q(**{f"{field}__in": paths}) if paths else Q(pk__in=[])
