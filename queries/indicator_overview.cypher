// name: indicator_overview
// title: 各城市各指标措施数 | Measures per indicator per city
// description: How many measures each city's documents devote to each of the 18 indicators.
// example: reformkg query indicator_overview
MATCH (i:Indicator)<-[:ADDRESSES]-(m:Measure)
MATCH (x:Document {id: m.doc})
RETURN i.name AS indicator, x.jurisdiction AS city, count(m) AS measures
ORDER BY indicator, city
