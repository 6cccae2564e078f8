"""The import kinds, by the key used in URLs and stored on batches."""

from lianxin.imports.specs import area_facts, areas, couriers, households, members, persons
from lianxin.imports.specs.base import Spec

SPECS: dict[str, Spec] = {
    spec.kind: spec
    for spec in (areas.SPEC, households.SPEC, persons.SPEC, members.SPEC, couriers.SPEC, area_facts.SPEC)
}


def spec_for(kind: str) -> Spec:
    return SPECS[kind]
