// name: measures_led_by
// title: 部门牵头的措施 | Measures a department leads
// description: Every measure whose responsibility clause names the department as lead (X牵头, 牵头单位:X), in document order, with the words that say so.
// param: dept dept required — 部门名称、全称、别名或编号 | name, full name, alias or id
// example: reformkg query measures_led_by --param dept=市大数据发展服务局
MATCH (d:Department)-[r:LEADS]->(m:Measure)
WHERE d.lookup CONTAINS $dept_key
RETURN m.id AS id, m.doc AS doc, m.path AS path, m.title AS title, d.name AS department,
       r.quote AS evidence, m.ordinal AS ordinal
ORDER BY doc, ordinal
