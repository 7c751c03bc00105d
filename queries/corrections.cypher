// name: corrections
// title: 人工更正 | Corrections made by people
// description: Every correction the store holds, applied or stale: which measure, what kind (set, confirmed, not_a_measure, flagged), the corrected values, who made it, when and why. A stale correction was made against a clause that has changed since; it is not applied.
// param: doc string = null — 只看该文件 | only this document id
// example: reformkg query corrections --param doc=xining-2022
MATCH (c:Correction)
WHERE c.doc = coalesce($doc, c.doc)
OPTIONAL MATCH (m:Measure {id: c.measure})
RETURN c.measure AS measure, c.doc AS doc, c.path AS path, m.title AS title, c.kind AS kind,
       c.fields AS fields, c.status AS status, c.problem AS problem, c.who AS who, c.at AS at,
       c.why AS why, c.entry AS entry
ORDER BY doc, at, entry
