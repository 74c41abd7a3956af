"""Policy sources -> knowledge files: readers parse each format, `build` writes and checks the result."""
from .text_reader import BuildReport, ParsedPolicy, build, parse_policy, read_source, split_name_purpose

__all__ = ["BuildReport", "ParsedPolicy", "build", "parse_policy", "read_source", "split_name_purpose"]
