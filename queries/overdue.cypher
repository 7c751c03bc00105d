// name: overdue
// title: 已逾期的措施 | Measures past their deadline
// description: Measures whose dated deadline lies before the given day (the graph records plans, not completion: these are the ones to check).
// param: as_of date required — 截至日期 YYYY-MM-DD | the day to compare with
// unordered: units
// example: reformkg query overdue --param as_of=2023-01-01
MATCH (m:Measure)
WHERE m.deadline IS NOT NULL AND m.deadline <> 'ongoing' AND m.deadline < $as_of
OPTIONAL MATCH (d:Department)-[:LEADS|RESPONSIBLE_FOR]->(m)
WITH m, collect(d.name) AS units
RETURN m.deadline AS deadline, m.deadline_text AS deadline_text, m.id AS id, m.doc AS doc,
       m.path AS path, m.title AS title, units
ORDER BY deadline, id
