"""The import kinds, by the key used in URLs and stored on batches: the imports app's own, registered here,
and those other apps register from their ready() (``lianxin.imports.registry.import_spec_register``).
``SPECS`` is the registry's table itself."""

from lianxin.imports.registry import SPECS, import_spec_register
from lianxin.imports.specs import area_facts, areas, couriers, households, members, persons
from lianxin.imports.specs.base import Spec

for _spec in (areas.SPEC, households.SPEC, persons.SPEC, members.SPEC, couriers.SPEC, area_facts.SPEC):
    import_spec_register(_spec)


def spec_for(kind: str) -> Spec:
    return SPECS[kind]
