// name: measure_spans
// title: 措施中的引用与目标 | Citations and targets inside a measure
// description: The 《》 citations and numeric targets of one measure with their offsets in the document, for highlighting.
// param: measure string required — 措施编号 doc:path | measure id
// sort: start, kind
// example: reformkg query measure_spans --param measure=baoji-2022:二/(六)/28
MATCH (m:Measure {id: $measure})-[c:CITES]->(r:Regulation)
RETURN 'citation' AS kind, r.title AS name, c.quote AS quote, c.start AS start, c.`end` AS `end`,
       0.0 AS value, '' AS unit, '' AS comparator
UNION ALL
MATCH (m:Measure {id: $measure})-[s:SETS]->(t:Target)
RETURN 'target' AS kind, t.quote AS name, s.quote AS quote, s.start AS start, s.`end` AS `end`,
       t.value AS value, t.unit AS unit, t.comparator AS comparator
