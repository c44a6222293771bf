"""The sources behind the guide's facts (assets/sources.yml), looked up by the ids strings name."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import yamlfile

from . import paths

# `name`: what a step shows for the source, linked to its entry on the Sources page (a publisher or authors,
# the same in every language, e.g. "Mayo Clinic"); `title`, `publisher`, `address`: the entry itself.
FIELDS = ("id", "name", "title", "publisher", "address", "read")


class SourcesError(ValueError):
    """assets/sources.yml is not a `reviewed:` date and a `sources:` list of complete, uniquely named entries."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
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
def load(folder: Path | None = None) -> Sources:
    """The sources in `sources.yml` of the assets folder (or `folder`), read and checked once per process."""
    path = (folder or paths.ASSETS) / "sources.yml"
    with path.open(encoding="utf-8") as f:
        data = yamlfile.parse(f)
    if not isinstance(data, dict) or "reviewed" not in data or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{path}: needs a `reviewed:` date and a `sources:` list")
    entries = []
    for number, item in enumerate(data["sources"], 1):
        # A missing or misspelt field would otherwise surface as a TypeError far from the file.
        if not isinstance(item, dict) or set(item) != set(FIELDS):
            named = f" ({item.get('id')!r})" if isinstance(item, dict) and "id" in item else ""
            raise SourcesError(f"{path}: source {number}{named} must have exactly {', '.join(FIELDS)}")
        entries.append(Source(**{k: str(v) for k, v in item.items()}))
    seen = set()
    for source in entries:
        if source.id in seen:
            raise SourcesError(f"{path}: the id {source.id!r} is listed twice")
        seen.add(source.id)
    return Sources(reviewed=str(data["reviewed"]), by_id={s.id: s for s in entries})
