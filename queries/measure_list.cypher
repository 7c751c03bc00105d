// name: measure_list
// title: 措施列表 | Measures of a document or indicator
// description: Measures with their leads, optionally of one document and/or one indicator, in document order.
// param: doc string = null — 文件编号 | document id
// param: indicator string = null — 指标名称 | indicator name
// unordered: leads
// example: reformkg query measure_list --param doc=xining-2022
MATCH (m:Measure)
WHERE m.doc = coalesce($doc, m.doc) AND coalesce(m.indicator, '') = coalesce($indicator, m.indicator, '')
OPTIONAL MATCH (d:Department)-[:LEADS]->(m)
WITH m, collect(d.name) AS leads
RETURN m.id AS id, m.doc AS doc, m.path AS path, m.title AS title, m.indicator AS indicator,
       m.deadline AS deadline, leads, m.ordinal AS ordinal
ORDER BY doc, ordinal
