"""Identity, decided once: every id an extraction carries is set here (identify),
and the graph trusts it.

Department identity: one canonical key and id per real unit per jurisdiction.

    市发改委 / 市发展改革委 / 宝鸡市发展和改革委员会   -> 宝鸡市/市发展和改革委员会
    市公安局 (宝鸡 plan) vs 市公安局 (西宁 plan)       -> two ids

The key is the folded name with the jurisdiction prefix reduced to its level
word (宝鸡市公安局 -> 市公安局), interchangeable name parts rewritten to one
spelling (loaders/data/aliases.yaml: equivalent_parts), then hand-checked
clusters and organisation patterns merged (union-find, longest form wins).
Collectives and leaders are scoped by the jurisdiction too. A document whose
jurisdiction is unknown is a scope of its own, units.yaml's `unknown_jurisdiction`
and its id (未知:某文件): 市发改委 in two documents that name no place may be two
cities' offices, and a graph that merged them would give one office both workloads.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import knowledge
from .records import DocumentRecord, MeasureRecord, Role, UnitMention
from .text import fold
from .units import person_name


def jurisdiction_id(name: str | None, doc: str | None = None) -> str:
    """The id of a document's jurisdiction: its name, or the unknown marker and
    the document (the marker alone when no document is given)."""
    marker = knowledge.units().unknown_jurisdiction
    return name or (f"{marker}:{doc}" if doc else marker)


def is_unknown(scope: str) -> bool:
    """Whether a scope is an unknown jurisdiction's (未知, 未知:某文件)."""
    marker = knowledge.units().unknown_jurisdiction
    return scope == marker or scope.startswith(marker + ":")


def collective_id(jurisdiction: str | None, surface: str) -> str:
    return f"{jurisdiction_id(jurisdiction)}/{fold(surface)}"


def leader_id(jurisdiction: str | None, name: str) -> str:
    """One id per person per jurisdiction, however the posts around the name are printed."""
    return f"{jurisdiction_id(jurisdiction)}/{person_name(fold(name))}"


def full_name(jurisdiction: str | None, printed: str) -> str:
    """宝鸡市大数据发展服务局 for 市大数据发展服务局 in the 宝鸡市 plan."""
    return _Level(_named(jurisdiction)).expand(printed)


def _named(jurisdiction: str | None) -> str:
    """The jurisdiction's name, "" when there is none (None or an unknown scope)."""
    scope = jurisdiction_id(jurisdiction)
    return "" if is_unknown(scope) else scope


def identify(document: DocumentRecord, measures: list[MeasureRecord]) -> None:
    """Set the ids of one extraction: its jurisdiction and issuer, its sections'
    指标长 and 总牵头部门, its measures' units, collectives and leaders."""
    resolver = DepartmentResolver(jurisdiction_id(document.jurisdiction, document.doc))
    scope = resolver.scope
    document.jurisdiction_id = scope
    document.issuer_id = resolver.dept_id(document.issuer) if document.issuer else None
    for s in document.sections:
        s.coordinator_id = resolver.dept_id(s.coordinator) if s.coordinator else None
        s.chief_id = leader_id(scope, s.chief) if s.chief else None
    for m in measures:
        resolver.identify_units(m.units)
        for leader in m.leaders:
            leader.id = leader_id(scope, leader.name)


def _without_national_prefix(name: str) -> str:
    """国家发展改革委 -> 发展改革委, 国务院国资委 -> 国资委; 国务院办公厅 stays (aliases.yaml
    `national_prefixes`): a central document's ministry is one with or without it."""
    data = knowledge.aliases()
    prefix = next((p for p in data["national_prefixes"] if name.startswith(p)), "")
    rest = name[len(prefix):]
    return rest if prefix and len(rest) >= 2 and rest not in data["national_prefix_kept_before"] else name


class _Level:
    """A jurisdiction's name and level word, for prefixing printed names."""

    def __init__(self, jurisdiction: str):
        self.jurisdiction = jurisdiction
        self.level = jurisdiction[-1:] if jurisdiction.endswith(knowledge.units().jurisdiction_levels) else ""

    def expand(self, printed: str) -> str:
        s = fold(printed)
        if self.level and s.startswith(self.level) and not s.startswith(self.jurisdiction):
            return self.jurisdiction + s[len(self.level):]
        return s



@lru_cache(maxsize=1)
def _equivalents() -> tuple[re.Pattern, dict[str, str]]:
    mapping: dict[str, str] = {}
    for group in knowledge.aliases()["equivalent_parts"]:
        for form in group:
            mapping[fold(form)] = fold(group[0])
    return re.compile(knowledge.alternation(mapping)), mapping


class DepartmentResolver:
    """Resolves unit names printed in documents of one jurisdiction (its name, or
    its id: an unknown jurisdiction's scope means none)."""

    def __init__(self, jurisdiction: str | None):
        self.scope = jurisdiction_id(jurisdiction)
        self.jurisdiction = _named(jurisdiction)
        self.level = _Level(self.jurisdiction).level
        self.city = self.jurisdiction[:-1] if self.level else self.jurisdiction
        self._merge: dict[str, str] = {}
        self._build_merges()

    def _base_key(self, name: str) -> str:
        s = fold(name)
        if self.jurisdiction == knowledge.units().national_jurisdiction:   # 全国总工会 is a name, not 全国 + 总工会
            s = _without_national_prefix(s)
        elif self.jurisdiction and s.startswith(self.jurisdiction) and len(s) > len(self.jurisdiction):
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
        return f"{self.scope}/{self.key(name)}"

    def identify_units(self, units: list[UnitMention]) -> None:
        """canonical and id of each unit mention (a Collective's id for collectives)."""
        for u in units:
            if u.role == Role.COLLECTIVE:
                u.id = collective_id(self.scope, u.surface)
            else:
                u.canonical, u.id = self.key(u.surface), self.dept_id(u.surface)

