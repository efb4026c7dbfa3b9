"""Participant lists and figures as CSV, XLSX and PDF (see base.py for the contract)."""
