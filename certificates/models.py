"""Certificates: issuing, revoking and verifying (built on lms enrollments)."""
