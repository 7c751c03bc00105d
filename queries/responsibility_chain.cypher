// name: responsibility_chain
// title: 责任链 | Responsibility chain of a measure
// description: The auditor's trace of one measure: document, enclosing sections, indicator, 指标长, 总牵头部门, the clause, leads, supports, responsible units, collectives and accountable people — each with the quote and offsets that justify it; `correction` names who corrected a role step, when and why (empty for what the document says).
// param: measure string required — 措施编号 doc:path | measure id, e.g. baoji-2022:二/(十五)/79
// sort: step_order, rank, start, name
// example: reformkg query responsibility_chain --param measure=baoji-2022:二/(十五)/79
MATCH (m:Measure {id: $measure}) MATCH (x:Document {id: m.doc})
// trim(): LadybugDB de-duplicates an expression returned twice in one UNION branch and
// then shifts the columns of later branches, so the quote must not repeat `x.title`.
RETURN 0 AS step_order, 'document' AS step, x.title AS name, 0 AS rank, trim(x.title) AS quote, x.id AS doc, x.title_start AS start, x.title_end AS `end`, '' AS correction
UNION ALL
MATCH (s:Section)-[:CONTAINS*1..8]->(m:Measure {id: $measure})
RETURN 1 AS step_order, 'section' AS step, s.path AS name, s.ordinal AS rank, s.heading AS quote, s.doc AS doc, s.heading_start AS start, s.heading_end AS `end`, '' AS correction
UNION ALL
MATCH (m:Measure {id: $measure})-[a:ADDRESSES]->(i:Indicator)
RETURN 2 AS step_order, 'indicator' AS step, i.name AS name, 0 AS rank, a.quote AS quote, a.doc AS doc, a.start AS start, a.`end` AS `end`, '' AS correction
UNION ALL
MATCH (l:Leader)-[a:ACCOUNTABLE_FOR]->(s:Section)-[:CONTAINS*1..8]->(m:Measure {id: $measure})
RETURN 3 AS step_order, 'chief' AS step, l.name AS name, 0 AS rank, a.quote AS quote, a.doc AS doc, a.start AS start, a.`end` AS `end`, '' AS correction
UNION ALL
MATCH (d:Department)-[a:COORDINATES]->(s:Section)-[:CONTAINS*1..8]->(m:Measure {id: $measure})
RETURN 4 AS step_order, 'coordinator' AS step, d.name AS name, 0 AS rank, a.quote AS quote, a.doc AS doc, a.start AS start, a.`end` AS `end`, '' AS correction
UNION ALL
MATCH (m:Measure {id: $measure}) WHERE m.clause IS NOT NULL
RETURN 5 AS step_order, 'clause' AS step, m.title AS name, 0 AS rank, m.clause AS quote, m.doc AS doc, m.clause_start AS start, m.clause_end AS `end`, '' AS correction
UNION ALL
MATCH (d:Department)-[r:LEADS]->(m:Measure {id: $measure})
RETURN 6 AS step_order, 'lead' AS step, d.name AS name, r.rank AS rank, r.quote AS quote, r.doc AS doc, r.start AS start, r.`end` AS `end`, CASE WHEN r.source = 'correction' THEN r.who + ' · ' + r.at + ' · ' + r.why ELSE '' END AS correction
UNION ALL
MATCH (d:Department)-[r:SUPPORTS]->(m:Measure {id: $measure})
RETURN 7 AS step_order, 'support' AS step, d.name AS name, r.rank AS rank, r.quote AS quote, r.doc AS doc, r.start AS start, r.`end` AS `end`, CASE WHEN r.source = 'correction' THEN r.who + ' · ' + r.at + ' · ' + r.why ELSE '' END AS correction
UNION ALL
MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(m:Measure {id: $measure})
RETURN 8 AS step_order, 'responsible' AS step, d.name AS name, r.rank AS rank, r.quote AS quote, r.doc AS doc, r.start AS start, r.`end` AS `end`, CASE WHEN r.source = 'correction' THEN r.who + ' · ' + r.at + ' · ' + r.why ELSE '' END AS correction
UNION ALL
MATCH (c:Collective)-[r:INVOLVES]->(m:Measure {id: $measure})
RETURN 9 AS step_order, 'collective' AS step, c.name AS name, 0 AS rank, r.quote AS quote, r.doc AS doc, r.start AS start, r.`end` AS `end`, CASE WHEN r.source = 'correction' THEN r.who + ' · ' + r.at + ' · ' + r.why ELSE '' END AS correction
UNION ALL
MATCH (l:Leader)-[a:ACCOUNTABLE_FOR]->(m:Measure {id: $measure})
RETURN 10 AS step_order, 'leader' AS step, l.name AS name, 0 AS rank, a.quote AS quote, a.doc AS doc, a.start AS start, a.`end` AS `end`, '' AS correction
