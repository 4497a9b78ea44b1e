"""build-info.json, at the site's root: which code and which data made this site, how many
records of each kind it holds, and the build's day (no build time, on purpose: same data and same
day, same bytes).

The build's day (`model.today`, the only clock the model reads) is there because the follow-up state
depends on it: which due dates have passed with nothing recorded here, the next one to come, whether
an announced completion date is over. The open data's descriptions point to it.
"""

from __future__ import annotations

import json

from ...records.kinds import KINDS
from ...site.model import SiteModel
from .version import generator_version


def record_counts(model: SiteModel) -> dict[str, int]:
    """The records of each type counted (records/kinds.py), the follow-up entries after the
    recommendations, then the members the member lists count."""
    counts: dict[str, int] = {}
    for kind in KINDS:
        if kind.counted:
            counts[kind.folder] = len(model.by_id[kind.folder])
        if kind.folder == "recommendations":
            counts["follow_up_entries"] = sum(len(r.record.follow_up) for r in model.recommendations)
    counts["members_counted"] = sum(len(ml.members) for ml in model.member_lists)
    return counts


def build_info(model: SiteModel, *, data_version: str, commit: str | None) -> bytes:
    """build-info.json: which code and which data made this site, and on which day. No build time, on purpose."""
    info = {
        "commit": commit,
        "data_version": data_version,
        "counts": record_counts(model),
        "generator": generator_version(),
        "build_day": model.today.isoformat(),
    }
    return (json.dumps(info, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
