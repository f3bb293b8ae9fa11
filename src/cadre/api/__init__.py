"""The HTTP API: FastAPI routers and their schemas, thin like every edge (parse, call one
service, render); versioned under /api/v1."""
