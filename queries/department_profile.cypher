// name: department_profile
// title: 部门档案 | Department profile
// description: Canonical name, full name, aliases, jurisdiction, kind, role counts and the documents that name the department.
// param: dept dept required — 部门名称、全称、别名或编号 | name, full name, alias or id
// unordered: documents, aliases
// example: reformkg query department_profile --param dept=市交通局
MATCH (d:Department)
WHERE d.lookup CONTAINS $dept_key
OPTIONAL MATCH (d)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR|COORDINATES]->()
WITH d, collect(DISTINCT r.doc) AS documents
RETURN d.id AS id, d.name AS name, d.full_name AS full_name, d.aliases AS aliases,
       d.jurisdiction AS jurisdiction, d.kind AS kind,
       COUNT { MATCH (d)-[:LEADS]->(:Measure) } AS leads,
       COUNT { MATCH (d)-[:SUPPORTS]->(:Measure) } AS supports,
       COUNT { MATCH (d)-[:RESPONSIBLE_FOR]->(:Measure) } AS responsible,
       COUNT { MATCH (d)-[:COORDINATES]->(:Section) } AS coordinates,
       documents
ORDER BY id
