"""Composers: one per kind of answer, each turning a question's context and evidence into a structured Answer."""
