// name: ambiguous_departments
// title: 易混淆的部门名称 | Ambiguous department names
// description: Short names printed in several jurisdictions (市公安局 is a different office in every city; `other` is empty), and alias candidates: two departments of one jurisdiction where one name contains the other (check whether they are one unit and add them to loaders/data/aliases.yaml).
// sort: kind, name, other
// unordered: jurisdictions
MATCH (d:Department)
WITH d.name AS name, count(DISTINCT d.jurisdiction) AS places, collect(DISTINCT d.jurisdiction) AS jurisdictions
WHERE places > 1
RETURN 'same_name' AS kind, name, '' AS other, places, jurisdictions
UNION ALL
MATCH (a:Department)-[:BELONGS_TO]->(:Jurisdiction)<-[:BELONGS_TO]-(b:Department)
WHERE a.id <> b.id AND size(a.name) >= 4 AND b.name CONTAINS a.name
RETURN 'alias_candidate' AS kind, a.name AS name, b.name AS other, 1 AS places, [a.jurisdiction] AS jurisdictions
