// name: responsibility_matrix
// title: 责任矩阵 | Responsibility matrix
// description: Every (measure, unit) pair with the role, rank and evidence — the audit export (measure × department).
// param: doc string = null — 文件编号 | document id
// example: reformkg query responsibility_matrix --param doc=baoji-2022 --format csv
MATCH (d:Department)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m:Measure)
WHERE m.doc = coalesce($doc, m.doc)
RETURN m.doc AS doc, m.path AS path, m.title AS title, d.name AS department, d.id AS department_id,
       r.role AS role, r.rank AS rank, r.quote AS evidence, r.start AS start, r.`end` AS `end`,
       m.ordinal AS ordinal
ORDER BY doc, ordinal, role, rank
