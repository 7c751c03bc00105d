// name: measure_detail
// title: 措施详情 | One measure with its source
// description: A measure's full text and offsets in its document, its responsibility clause (with offsets), deadline and indicator.
// param: measure string required — 措施编号 doc:path | measure id
// example: reformkg query measure_detail --param measure=baoji-2022:二/(六)/28
MATCH (m:Measure {id: $measure})
MATCH (x:Document {id: m.doc})
RETURN m.id AS id, m.doc AS doc, x.title AS doc_title, x.jurisdiction AS jurisdiction,
       m.path AS path, m.label AS label, m.title AS title, m.text AS text, m.start AS start,
       m.`end` AS `end`, m.clause AS clause, m.clause_start AS clause_start, m.clause_end AS clause_end,
       m.deadline AS deadline, m.deadline_text AS deadline_text, m.indicator AS indicator
