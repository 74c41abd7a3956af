"""`python -m policybot` runs the command line."""
from .fronts.terminal.launch import main

main()
