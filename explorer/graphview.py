"""Neighbourhood graphs drawn with neo4j-viz (self-contained HTML, no network)."""
from __future__ import annotations

import pandas as pd

from reformkg.loaders.records import Role

ROLE_COLOUR = {Role.LEAD: "#d62728", Role.SUPPORT: "#1f77b4", Role.RESPONSIBLE: "#2ca02c"}


def neighbourhood_html(edges: pd.DataFrame, center: str, height: str = "500px") -> str:
    return neighbourhood_graph(edges, center).render(height=height).data


def neighbourhood_graph(edges: pd.DataFrame, center: str):
    """The department, its measures and their other departments (neo4j-viz)."""
    from neo4j_viz import Node, Relationship, VisualizationGraph

    nodes: dict[str, Node] = {}
    rels = []
    for _, e in edges.iterrows():
        if e["dept_id"] not in nodes:
            nodes[e["dept_id"]] = Node(id=e["dept_id"], caption=e["dept_name"],
                                       size=30 if e["dept_id"] == center else 18,
                                       color="#ff7f0e" if e["dept_id"] == center else "#9467bd")
        if e["measure"] not in nodes:
            nodes[e["measure"]] = Node(id=e["measure"], caption=e["measure_title"][:14], size=10,
                                       color="#bbbbbb")
        rels.append(Relationship(source=e["dept_id"], target=e["measure"], caption=e["role"],
                                 color=ROLE_COLOUR.get(e["role"], "#888888")))
    return VisualizationGraph(nodes=list(nodes.values()), relationships=rels)


def result_graph_html(rows: list[list], height: str = "480px") -> str | None:
    """A graph of the nodes and relationships in console results, if any."""
    from neo4j_viz import Node, Relationship, VisualizationGraph

    nodes: dict[str, Node] = {}
    rels = []

    def add_node(v: dict) -> str | None:
        nid = v.get("id")
        if nid is None:
            return None
        label = (v.get("_labels") or ["?"])[0]
        caption = v.get("name") or v.get("title") or v.get("path") or str(nid)
        nodes.setdefault(f"{label}:{nid}", Node(id=f"{label}:{nid}", caption=str(caption)[:16]))
        return f"{label}:{nid}"

    for row in rows:
        for v in row:
            if isinstance(v, dict) and "_labels" in v:
                add_node(v)
            elif isinstance(v, dict) and "nodes" in v and "relationships" in v:
                ids = [add_node(n) for n in v["nodes"]]
                for a, b, r in zip(ids, ids[1:], v["relationships"]):
                    if a and b:
                        rels.append(Relationship(source=a, target=b, caption=r.get("_type")))
    if not nodes:
        return None
    return VisualizationGraph(nodes=list(nodes.values()), relationships=rels).render(height=height).data
