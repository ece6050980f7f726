"""Certificates: deciding who gets one, issuing, revoking, rendering the PDF and
verifying it publicly. May import lms and courses; neither imports it.
"""
