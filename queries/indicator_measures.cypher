// name: indicator_measures
// title: 指标相关措施(分城市) | One indicator's measures, by city
// description: The measures of every document that address one of the 18 business-environment indicators, grouped by city, with their leads.
// param: indicator string required — 指标名称、编号或关键词(如 纳税) | name, id or keyword
// unordered: leads
// example: reformkg query indicator_measures --param indicator=纳税
MATCH (i:Indicator)<-[:ADDRESSES]-(m:Measure)
WHERE i.name = $indicator OR i.id = $indicator OR $indicator IN i.aliases
MATCH (x:Document {id: m.doc})
OPTIONAL MATCH (d:Department)-[:LEADS]->(m)
WITH i, x, m, collect(d.name) AS leads
RETURN i.name AS indicator, x.jurisdiction AS city, m.doc AS doc, m.id AS id, m.path AS path,
       m.title AS title, leads, m.ordinal AS ordinal
ORDER BY city, doc, ordinal
