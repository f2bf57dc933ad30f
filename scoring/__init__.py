"""Scoring: pure functions over plain typed data (no Streamlit, no database, no I/O)."""
