"""Operations: ``/healthz``, backup and restore, and how Puente degrades when a backing
service fails (the resilient cache, the 503 page, guarded media storage, background
tasks whose effect happens once). See docs/deployment.md ("Faults")."""
