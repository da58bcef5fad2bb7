"""Batch jobs: the job kinds (one module each), what runs them (Celery with Redis, or the
server itself without), and the relay that publishes jobs Redis missed. See docs/jobs.md."""
