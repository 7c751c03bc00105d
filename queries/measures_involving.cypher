// name: measures_involving
// title: 部门参与的全部措施 | Every measure a department takes part in
// description: Measures the department leads, supports or is responsible for, with its role, its rank in the printed list and the evidence.
// param: dept dept required — 部门名称、全称、别名或编号 | name, full name, alias or id
// example: reformkg query measures_involving --param dept=市税务局
MATCH (d:Department)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m:Measure)
WHERE d.lookup CONTAINS $dept_key
RETURN m.id AS id, m.doc AS doc, m.path AS path, m.title AS title, r.role AS role, r.rank AS rank,
       d.name AS department, r.quote AS evidence, m.ordinal AS ordinal
ORDER BY doc, ordinal, role
