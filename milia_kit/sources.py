"""The sources behind the guide's facts (assets/sources.yml), looked up by the ids strings name."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import yamlfile

from . import paths


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    address: str
    read: str


@dataclass(frozen=True)
class Sources:
    reviewed: str
    by_id: dict

    def __getitem__(self, source_id: str) -> Source:
        try:
            return self.by_id[source_id]
        except KeyError:
            raise KeyError(f"Unknown source id {source_id!r} (not in {paths.ASSETS / 'sources.yml'})") from None

    def __iter__(self):
        return iter(self.by_id.values())

    def __len__(self):
        return len(self.by_id)


@lru_cache(maxsize=None)
def load() -> Sources:
    with (paths.ASSETS / "sources.yml").open(encoding="utf-8") as f:
        data = yamlfile.parse(f)
    entries = [Source(**{k: str(v) for k, v in item.items()}) for item in data["sources"]]
    by_id = {s.id: s for s in entries}
    if len(by_id) != len(entries):
        raise ValueError("assets/sources.yml lists an id twice")
    return Sources(reviewed=str(data["reviewed"]), by_id=by_id)
