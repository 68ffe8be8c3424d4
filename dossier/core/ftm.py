"""FollowTheMoney as Dossier writes and reads it (export.ftm, ingest.ftm): its ids' prefix, the
`dossier:` keywords, and followthemoney's model, loaded on first use from the optional extra."""

from __future__ import annotations

from typing import Any

EXTRA_MISSING = ("FollowTheMoney needs the optional extra: pip install 'dossier[ftm]' (it builds PyICU, which "
                 "needs libicu-dev, pkg-config and g++: sh .ci/install-system-packages --ftm installs them).")
PREFIX = "dossier"
KEYWORD = "dossier:"
PLACE_KEYWORD = "dossier:place"


def ftm_model() -> Any:
    """followthemoney's model, or a DossierError-like ValueError saying how to install it."""
    try:
        from followthemoney import model
    except ImportError:
        raise ValueError(EXTRA_MISSING) from None
    return model
