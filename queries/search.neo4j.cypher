CALL db.index.fulltext.queryNodes('measure_search', '"' + replace(replace($text, '\\', ' '), '"', ' ') + '"')
YIELD node AS m
WITH m WHERE size($text) >= 2 AND (m.title CONTAINS $text OR m.text CONTAINS $text)
RETURN 'measure' AS kind, m.id AS id, m.title AS name, m.doc AS doc
UNION ALL
MATCH (m:Measure) WHERE size($text) < 2 AND (m.title CONTAINS $text OR m.text CONTAINS $text)
RETURN 'measure' AS kind, m.id AS id, m.title AS name, m.doc AS doc
UNION ALL
WITH $text AS t
MATCH (d:Department) WHERE d.name CONTAINS t OR d.full_name CONTAINS t
   OR any(a IN d.aliases WHERE a CONTAINS t)
RETURN 'department' AS kind, d.id AS id, d.name AS name, d.jurisdiction AS doc
