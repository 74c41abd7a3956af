"""Policy sources -> knowledge files: one reader per format (text, Markdown, HTML, CSV/TSV) behind one
contract (contract.ParsedPolicy); `build` writes, checks and swaps in the result."""
from .build import BuildReport, build
from .contract import ParsedPolicy
from .readers import parse_source, read_source
from .text_reader import parse_policy, split_name_purpose

__all__ = ["BuildReport", "ParsedPolicy", "build", "parse_policy", "parse_source", "read_source",
           "split_name_purpose"]
