"""Language: text folding, tokens and stems, durations, and the engine's English/French vocabulary."""
