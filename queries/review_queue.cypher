// name: review_queue
// title: 待审核记录 | Review queue
// description: Measures a person should look at: those the extractor flagged (review = its reasons) and not yet corrected or confirmed, and those a user flagged. Corrected and confirmed measures leave the queue.
// param: doc string = null — 只看该文件 | only this document id
// example: reformkg query review_queue --param doc=xining-2022
MATCH (m:Measure)
WHERE m.doc = coalesce($doc, m.doc)
  AND ((size(m.review) > 0 AND m.review_status IS NULL) OR m.review_status = 'flagged')
RETURN m.id AS id, m.doc AS doc, m.path AS path, m.title AS title, m.review AS review,
       m.review_status AS review_status, m.clause AS clause, m.ordinal AS ordinal
ORDER BY doc, ordinal
