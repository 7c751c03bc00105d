"""Department identity: one canonical key and id per real unit per jurisdiction.

    市发改委 / 市发展改革委 / 宝鸡市发展和改革委员会   -> 宝鸡市/市发展和改革委员会
    市公安局 (宝鸡 plan) vs 市公安局 (西宁 plan)       -> two ids

The key is the folded name with the jurisdiction prefix reduced to its level
word (宝鸡市公安局 -> 市公安局), interchangeable name parts rewritten to one
spelling (loaders/data/aliases.yaml: equivalent_parts), then hand-checked
clusters and organisation patterns merged (union-find, longest form wins).
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import knowledge
from .text import fold



@lru_cache(maxsize=1)
def _equivalents() -> tuple[re.Pattern, dict[str, str]]:
    mapping: dict[str, str] = {}
    for group in knowledge.aliases()["equivalent_parts"]:
        for form in group:
            mapping[fold(form)] = fold(group[0])
    return re.compile(knowledge.alternation(mapping)), mapping


class DepartmentResolver:
    """Resolves unit names printed in documents of one jurisdiction."""

    def __init__(self, jurisdiction: str | None):
        self.jurisdiction = jurisdiction or ""
        self.level = self.jurisdiction[-1:] if self.jurisdiction.endswith(knowledge.units().jurisdiction_levels) else ""
        self.city = self.jurisdiction[:-1] if self.level else self.jurisdiction
        self._merge: dict[str, str] = {}
        self._build_merges()

    def _base_key(self, name: str) -> str:
        s = fold(name)
        if self.jurisdiction and s.startswith(self.jurisdiction) and len(s) > len(self.jurisdiction):
            s = self.level + s[len(self.jurisdiction):]
        pattern, mapping = _equivalents()
        return pattern.sub(lambda m: mapping[m.group()], s)

    def _build_merges(self) -> None:
        data = knowledge.aliases()
        groups: list[list[str]] = []
        for row in data.get("organisations") or []:
            groups.append([f.replace("{city}", self.city) for f in row])
        groups.extend((data.get("clusters") or {}).get(self.jurisdiction, []) or [])
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for group in groups:
            keys = [self._base_key(f) for f in group]
            for k in keys[1:]:
                a, b = find(keys[0]), find(k)
                if a != b:
                    # the longer (fuller) name represents the merged unit
                    keep, drop = (a, b) if len(a) >= len(b) else (b, a)
                    parent[drop] = keep
        self._merge = {k: find(k) for k in parent}

    def key(self, name: str) -> str:
        k = self._base_key(name)
        return self._merge.get(k, k)

    def dept_id(self, name: str) -> str:
        return f"{self.jurisdiction or '?'}/{self.key(name)}"

    def full_name(self, printed: str) -> str:
        """宝鸡市大数据发展服务局 for 市大数据发展服务局 in the 宝鸡市 plan."""
        s = fold(printed)
        if self.level and s.startswith(self.level) and not s.startswith(self.jurisdiction):
            return self.jurisdiction + s[len(self.level):]
        return s
