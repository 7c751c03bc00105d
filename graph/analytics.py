"""Analytics on the co-responsibility network (networkx).

Departments are joined when they are named in the same measure; the weight
of a shared measure is the mean of the two roles' weights (lead 3,
responsible 2, support 1), summed over shared measures. From that network:
weighted degree, betweenness centrality (distance = 1/weight), communities
(greedy modularity), and the departments that bridge indicators (working on
measures of many indicators).

Pure graph maths over rows (the named query `department_edges`, which the CLI
and the explorer fetch from either backend): nothing here reads a store.
Every department is keyed by its id, never by its name: the same name
(`市财政局`) is a different department in every city.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from reformkg.loaders.records import UNIT_ROLES, Role

ROLE_WEIGHT = {Role.LEAD: 3.0, Role.RESPONSIBLE: 2.0, Role.SUPPORT: 1.0}



@dataclass
class Analysis:
    departments: list[dict[str, Any]] = field(default_factory=list)
    communities: list[dict[str, Any]] = field(default_factory=list)
    graph: Any = None


def co_responsibility_graph(rows: list[dict[str, Any]]):
    import networkx as nx

    g = nx.Graph()
    by_measure: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        g.add_node(r["dept"], name=r["name"], jurisdiction=r["jurisdiction"])
        by_measure[r["measure"]].append((r["dept"], r["role"]))
    for measure in sorted(by_measure):
        members = sorted(set(by_measure[measure]))
        for (a, ra), (b, rb) in combinations(members, 2):
            if a == b:
                continue
            w = (ROLE_WEIGHT[ra] + ROLE_WEIGHT[rb]) / 2
            if g.has_edge(a, b):
                g[a][b]["weight"] += w
                g[a][b]["shared"] += 1
            else:
                g.add_edge(a, b, weight=w, shared=1)
    for _, _, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    return g


def analyze(rows: list[dict[str, Any]]) -> Analysis:
    """Centrality, communities and bridges of the rows of `department_edges`
    (dept id, name, jurisdiction, measure, role, indicator)."""
    import networkx as nx
    from networkx.algorithms.community import greedy_modularity_communities

    g = co_responsibility_graph(rows)
    indicators: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        if r["indicator"]:
            indicators[r["dept"]].add(r["indicator"])
        roles[r["dept"]][r["role"]] += 1
    betweenness = nx.betweenness_centrality(g, weight="distance", normalized=True) if g.number_of_nodes() else {}
    communities = []
    member_of: dict[str, int] = {}
    if g.number_of_edges():
        found = greedy_modularity_communities(g, weight="weight")
        for i, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c))), 1):
            ids = sorted(members)
            communities.append({"community": i, "size": len(ids), "ids": ids,
                                "members": [g.nodes[m]["name"] for m in ids]})
            member_of.update({m: i for m in ids})
    depts = []
    for n in g.nodes:
        depts.append({
            "id": n, "name": g.nodes[n]["name"], "jurisdiction": g.nodes[n]["jurisdiction"],
            **{role.field: roles[n][role] for role in UNIT_ROLES},
            "partners": g.degree(n), "weighted_degree": round(g.degree(n, weight="weight"), 2),
            "betweenness": round(betweenness.get(n, 0.0), 4),
            "indicators": len(indicators[n]), "community": member_of.get(n),
        })
    depts.sort(key=lambda d: (-d["weighted_degree"], d["id"]))
    return Analysis(depts, communities, g)


def bridges(analysis: Analysis, top: int = 10) -> list[dict[str, Any]]:
    """Departments that bridge indicators: most indicators, then betweenness."""
    return sorted(analysis.departments, key=lambda d: (-d["indicators"], -d["betweenness"], d["id"]))[:top]
