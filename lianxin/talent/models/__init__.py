"""The talent app's models, one module per part (docs/architecture.md: two or more people building one app);
each part's module lists its models in ``__all__``."""

from lianxin.talent.models.pool import *  # noqa: F403
from lianxin.talent.models.reserves import *  # noqa: F403
