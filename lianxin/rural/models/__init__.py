"""The rural app's models, one module per part (docs/architecture.md: two or more people building one app);
each part's module lists its models in ``__all__``."""

from lianxin.rural.models.clusters import *  # noqa: F403
from lianxin.rural.models.coops import *  # noqa: F403
from lianxin.rural.models.industry import *  # noqa: F403
from lianxin.rural.models.land import *  # noqa: F403
from lianxin.rural.models.pools import *  # noqa: F403
