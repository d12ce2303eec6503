"""Trained matcher artefacts, installed as ``rapallo_grader.models`` (data only)."""
