// name: measures_without_lead
// title: 无明确牵头单位的措施 | Measures without an explicit lead
// description: Audit gaps: measures whose clause names no lead — responsibility shared by a list of units (no_explicit_lead), only collectives such as 各县区 (collective_only), or nobody at all (no_units).
// param: doc string = null — 只看该文件 | only this document id
// example: reformkg query measures_without_lead --param doc=xining-2022
MATCH (m:Measure)
WHERE m.doc = coalesce($doc, m.doc) AND NOT EXISTS { MATCH (:Department)-[:LEADS]->(m) }
WITH m,
     COUNT { MATCH (:Department)-[:RESPONSIBLE_FOR|SUPPORTS]->(m) } AS named_units,
     COUNT { MATCH (:Collective)-[:INVOLVES]->(m) } AS collectives
RETURN m.id AS id, m.doc AS doc, m.path AS path, m.title AS title, named_units, collectives,
       CASE WHEN named_units > 0 THEN 'no_explicit_lead'
            WHEN collectives > 0 THEN 'collective_only'
            ELSE 'no_units' END AS gap,
       m.clause AS clause, m.ordinal AS ordinal
ORDER BY doc, ordinal
