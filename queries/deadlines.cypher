// name: deadlines
// title: 完成时限 | Deadlines in a period
// description: Measures with a dated deadline in [from, to], earliest first, with their leads ('ongoing' measures are not dated).
// param: from date = null — 起始日期 YYYY-MM-DD | from this date
// param: to date = null — 截止日期 YYYY-MM-DD | up to this date
// unordered: leads
// example: reformkg query deadlines --param from=2022-01-01 --param to=2022-12-31
MATCH (m:Measure)
WHERE m.deadline IS NOT NULL AND m.deadline <> 'ongoing'
  AND m.deadline >= coalesce($from, m.deadline) AND m.deadline <= coalesce($to, m.deadline)
OPTIONAL MATCH (d:Department)-[:LEADS|RESPONSIBLE_FOR]->(m)
WITH m, collect(d.name) AS units
RETURN m.deadline AS deadline, m.deadline_text AS deadline_text, m.id AS id, m.doc AS doc,
       m.path AS path, m.title AS title, units AS leads
ORDER BY deadline, id
