// name: document_text
// title: 文件原文 | A document's text
// description: The normalised text every offset in the graph points into.
// param: doc string required — 文件编号 | document id
// example: reformkg query document_text --param doc=xining-2022 --format json
MATCH (x:Document {id: $doc})
RETURN x.id AS id, x.title AS title, x.text AS text
