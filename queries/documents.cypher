// name: documents
// title: 文件列表 | Documents in the graph
// description: Every document with its metadata, how many measures it holds and what the extractor could not read in it (warnings).
// example: reformkg query documents
MATCH (x:Document)
RETURN x.id AS id, x.title AS title, x.issuer AS issuer, x.doc_number AS doc_number,
       x.published AS published, x.jurisdiction AS jurisdiction, x.province AS province,
       x.measure_count AS measures, x.source_format AS format, x.year AS year,
       x.warnings AS warnings
ORDER BY jurisdiction, id
