// name: indicator_targets
// title: 指标数值目标对比 | Numeric targets of an indicator, city by city
// description: The numeric targets (value, unit, comparator, quote) that each city's measures set for one indicator, side by side.
// param: indicator string required — 指标名称、编号或关键词(如 纳税) | name, id or keyword
// example: reformkg query indicator_targets --param indicator=纳税
MATCH (i:Indicator)<-[:ADDRESSES]-(m:Measure)-[s:SETS]->(t:Target)
WHERE i.name = $indicator OR i.id = $indicator OR $indicator IN i.aliases
MATCH (x:Document {id: m.doc})
RETURN i.name AS indicator, x.jurisdiction AS city, m.id AS measure, m.title AS title,
       t.value AS value, t.unit AS unit, t.comparator AS comparator, t.quote AS quote,
       m.ordinal AS ordinal, t.start AS start
ORDER BY city, ordinal, start, value
