#!/usr/bin/env bash
# The house rules of tools/checksrc hold for every C file of the project.
set -u
exec bash "$2/tools/checksrc"
