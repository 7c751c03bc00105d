// name: department_workload
// title: 部门任务量 | Department workload
// description: Departments ranked by the number of measures they lead, support and are responsible for.
// param: jurisdiction string = null — 只看该地区(如 宝鸡市) | only this jurisdiction
// param: limit int = 50 — 最多返回行数 | at most this many rows
// example: reformkg query department_workload --param jurisdiction=宝鸡市 --param limit=10
MATCH (d:Department)
WHERE d.jurisdiction = coalesce($jurisdiction, d.jurisdiction)
WITH d,
     COUNT { MATCH (d)-[:LEADS]->(:Measure) } AS leads,
     COUNT { MATCH (d)-[:SUPPORTS]->(:Measure) } AS supports,
     COUNT { MATCH (d)-[:RESPONSIBLE_FOR]->(:Measure) } AS responsible
WITH d, leads, supports, responsible, leads + supports + responsible AS total
WHERE total > 0
RETURN d.id AS id, d.name AS name, d.jurisdiction AS jurisdiction, leads, supports, responsible, total
ORDER BY total DESC, leads DESC, id
LIMIT $limit
