"""Types of the API's JSON, for annotations: one ``TypedDict`` per schema of the OpenAPI document.

The methods return plain dicts; these types only tell mypy and editors which keys they hold.
They are generated into ``press_blocks_api.typed_dicts`` by ``codegen.sh`` and re-exported here.

    from press_blocks.types import Spec, UpdateSpecMetadataBody
"""

from press_blocks_api.typed_dicts import *  # noqa: F403
from press_blocks_api.typed_dicts import __all__ as __all__
