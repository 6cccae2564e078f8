"""The import kinds' registry: the imports app registers its own specs (areas, households, persons, members,
couriers, yearly facts), and any other app registers its own from its AppConfig.ready() with
``import_spec_register(spec)`` (provision: ``service_items``; volunteering: ``volunteers``). The upload page,
the template download, the preview and the confirmation all read this one table; ``ImportBatch.kind``'s
choices are read from it too (no migration for a new kind)."""

SPECS: dict = {}  # kind -> Spec


def import_spec_register(spec) -> None:
    """Add (or, under the same kind, replace) an import spec (``imports.specs.base.Spec``)."""
    if len(spec.kind) > 32:
        raise ValueError(f"import kind {spec.kind!r} is longer than 32 characters")
    SPECS[spec.kind] = spec


def import_specs() -> dict:
    from lianxin.imports import specs  # noqa: F401  (the built-in kinds register when it loads)

    return SPECS


def import_kind_choices() -> list[tuple[str, str]]:
    return [(kind, spec.label) for kind, spec in import_specs().items()]
