"""Operations: ``/healthz`` for load balancers, backup and restore commands."""
