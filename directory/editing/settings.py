"""Editing settings, read once at the edge (app factory, CLI).

``DIRECTORY_PUBLISH_WITHOUT_REVIEW``
    ``1`` applies State editors' writes at once (still audited); ``0`` (default) keeps them
    as pending change requests until the secretariat approves them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from directory.errors import ConfigError

ENV_PUBLISH_WITHOUT_REVIEW = "DIRECTORY_PUBLISH_WITHOUT_REVIEW"


@dataclass(frozen=True)
class EditingSettings:
    publish_without_review: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> EditingSettings:
        env = os.environ if env is None else env
        raw = (env.get(ENV_PUBLISH_WITHOUT_REVIEW) or "0").lower()
        if raw not in ("0", "1", "true", "false", "yes", "no", "on", "off"):
            raise ConfigError(
                f"{ENV_PUBLISH_WITHOUT_REVIEW}={raw!r} is not a yes/no value: set 1 or 0"
            )
        return cls(publish_without_review=raw in ("1", "true", "yes", "on"))
