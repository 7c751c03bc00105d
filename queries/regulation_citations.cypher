// name: regulation_citations
// title: 法规引用 | Regulations and the measures citing them
// description: Titles cited in 《》 and the measures citing them, with the quote; optionally only titles containing a phrase.
// param: title string = null — 标题包含 | the title contains this
// example: reformkg query regulation_citations --param title=条例
MATCH (m:Measure)-[c:CITES]->(r:Regulation)
WHERE r.title CONTAINS coalesce($title, r.title)
RETURN r.title AS regulation, m.id AS measure, m.doc AS doc, m.path AS path, m.title AS measure_title,
       c.quote AS quote, m.ordinal AS ordinal
ORDER BY regulation, doc, ordinal
