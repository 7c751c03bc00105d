// name: co_responsible
// title: 协同部门 | Departments sharing measures
// description: Departments named in the same measures as this one, with how many measures they share and the other department's roles there.
// param: dept dept required — 部门名称、全称、别名或编号 | name, full name, alias or id
// param: limit int = 50 — 最多返回行数 | at most this many rows
// example: reformkg query co_responsible --param dept=市大数据发展服务局
MATCH (d:Department)-[:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m:Measure)<-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]-(o:Department)
WHERE d.lookup CONTAINS $dept_key AND o.id <> d.id
WITH o, count(DISTINCT m) AS shared,
     sum(CASE WHEN r.role = 'lead' THEN 1 ELSE 0 END) AS as_lead,
     sum(CASE WHEN r.role = 'support' THEN 1 ELSE 0 END) AS as_support,
     sum(CASE WHEN r.role = 'responsible' THEN 1 ELSE 0 END) AS as_responsible
RETURN o.id AS id, o.name AS name, o.jurisdiction AS jurisdiction, shared, as_lead, as_support, as_responsible
ORDER BY shared DESC, id
LIMIT $limit
