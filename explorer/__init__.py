"""The Streamlit explorer: presentation only. Every page reads through the
named queries (queries/), on the configured store (embedded LadybugDB by
default, Neo4j when NEO4J_URI is set)."""
