"""The demo data set's installation code and its documented account (SPEC §11), known
apart from the demo builders and the database so the login can show the hint before
anything heavy is imported."""

DEMO_CODE = "DEMO-VAR"
DEMO_LOGIN = "demo"
DEMO_PASSWORD = "demo"
