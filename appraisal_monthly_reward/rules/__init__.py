"""Commendation rules in plain Python (no Odoo import).

Loaded by the models and, without Odoo, by the top-level ``tests/``:
``eligibility`` (the conditions of §5 of the domain notes), ``amounts``
(coefficient × base salary, rounded up) , ``votes`` (council threshold)
and ``quota`` (a title limited relative to another).
"""
