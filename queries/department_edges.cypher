// name: department_edges
// title: 部门—措施关系 | Department–measure edges
// description: Every department–measure edge with the role and the measure's indicator: the input of the co-responsibility network analytics (reformkg analyze).
// param: jurisdiction string = null — 只看该地区 | only this jurisdiction
// example: reformkg query department_edges --param jurisdiction=西宁市 --format csv
MATCH (d:Department)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m:Measure)
WHERE d.jurisdiction = coalesce($jurisdiction, d.jurisdiction)
RETURN d.id AS dept, d.name AS name, d.jurisdiction AS jurisdiction, m.id AS measure, r.role AS role,
       m.indicator AS indicator
ORDER BY dept, measure
