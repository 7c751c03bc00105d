// name: search
// title: 搜索 | Search measures and departments
// description: Measures whose title or text, and departments whose name, full name or alias contains the phrase. Neo4j answers from its cjk full-text indexes (then keeps exact matches, so both stores return the same rows); one-character phrases and the embedded store scan with CONTAINS.
// param: text string required — 检索词 | the phrase
// sort: kind, id
// example: reformkg query search --param text=放管服
MATCH (m:Measure) WHERE m.title CONTAINS $text OR m.text CONTAINS $text
RETURN 'measure' AS kind, m.id AS id, m.title AS name, m.doc AS doc
UNION ALL
WITH $text AS t
MATCH (d:Department) WHERE d.name CONTAINS t OR d.full_name CONTAINS t
   OR any(a IN d.aliases WHERE a CONTAINS t)
RETURN 'department' AS kind, d.id AS id, d.name AS name, d.jurisdiction AS doc
