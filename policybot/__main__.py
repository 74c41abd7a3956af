"""`python -m policybot` runs the command line."""
from .cli import run

run()
