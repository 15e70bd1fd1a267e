"""Crosswalks: how the clauses of two standards relate, and what follows from it — a comparison
of one manifest across standards, and findings carried from one standard to another."""
