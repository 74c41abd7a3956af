"""`python -m policybot` runs the command line."""
from .launch import main

main()
