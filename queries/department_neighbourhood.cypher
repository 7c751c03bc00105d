// name: department_neighbourhood
// title: 部门关系网 | A department's neighbourhood
// description: The department's measures (with its role) and the other departments named in them (with theirs): the edges of its neighbourhood graph.
// param: dept dept required — 部门名称、全称、别名或编号 | name, full name, alias or id
// param: limit int = 60 — 最多措施数 | at most this many measures
// example: reformkg query department_neighbourhood --param dept=市大数据发展服务局
MATCH (d:Department)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m:Measure)
WHERE d.lookup CONTAINS $dept_key
WITH d, r, m ORDER BY m.doc, m.ordinal LIMIT $limit
MATCH (o:Department)-[q:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)
RETURN d.id AS center, m.id AS measure, m.title AS measure_title, o.id AS dept_id, o.name AS dept_name,
       q.role AS role, m.doc AS doc, m.ordinal AS ordinal
ORDER BY doc, ordinal, role, dept_id
