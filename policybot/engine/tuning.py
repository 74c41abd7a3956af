"""Every threshold, weight and confidence of the engine, in one place.

rapidfuzz scores are 0-100; coverages and confidences 0-1; lifetimes in days.
"""

# -- reading ---------------------------------------------------------------------------------------
MAX_QUESTION_CHARS = 2000          # longer input is refused, not searched
REFUSE_UNREAD_FACTOR = 4           # input this many times too long is refused before it is even cleaned
MAX_PHRASE_WORDS = 6               # longest phrase, in words, the vocabulary is matched on ("qu'est-ce qu'un")
MIN_TYPO_NAME_CHARS = 5            # a misspelt cookie name is looked for only in spans this long
SHORT_NAME_CHARS = 10              # names shorter than this allow one wrong letter, longer ones two
MIN_CORRECTED_WORD_CHARS = 4       # shorter unknown words are never corrected into policy words
SHORT_WORD_CHARS = 8               # words shorter than this allow one wrong letter when corrected, longer ones two
GUESS_WORD_CHARS = 7               # a correction of a word shorter than this is a guess: it cannot carry an answer
MIN_STEM_FOR_SYNONYM = 4           # a synonym's stem shorter than this does not join its group ("agr" of "agree")
WORD_CACHE_LIMIT = 100_000         # per-word facts kept across questions, at most
MAX_LIFETIME_DAYS = 365 * 1000       # a larger amount is no cookie lifetime: an input error
EXACT_DURATION_TOLERANCE = 0.02    # "lasting 1 year" accepts rows within 2% of 365 days
INCLUSIVE_EPSILON = 1e-6           # "at least 1 year" is kept as a strict bound just past it
NAME_SUGGESTION_SPREAD = 6         # "did you mean" looks at names up to this many letters longer or shorter

# -- cookie names ----------------------------------------------------------------------------------
SCORE_EXACT, SCORE_ALIAS, SCORE_PART, SCORE_CONTEXT, SCORE_PURPOSE = 100.0, 96.0, 90.0, 90.0, 80.0
SCORE_FAMILY = 88.0
SUGGEST_CUTOFF = 62                # close enough to offer as "did you mean"
MAX_SUGGESTIONS = 5

# -- ranking ---------------------------------------------------------------------------------------
PROSE_MIN_COVERAGE = 0.55          # share of the question's weight a passage must match to be an answer
NOTES_MIN_COVERAGE = 0.75          # the document's own lines (opening, notes) answer only what they plainly cover
BROWSER_MIN_COVERAGE = 0.3         # a browser named by the question makes a weaker match enough
NEAR_MIN_COVERAGE = 0.3            # a passage this close is offered as a suggestion when declining
ROW_MIN_COVERAGE = 0.55            # a cookie found by what it does
ROW_CLEAR_MARGIN = 1.4             # ... or one row that stands out this far above the next name
ROW_STRONG_COVERAGE = 0.75         # a row's purpose covers the question well enough to beat the prose
ROW_OVER_PROSE = 0.2               # ... when it covers this much more than the best passage
ROW_POSTINGS_LIMIT = 1000          # a purpose word used by more rows than this picks out no cookie
ROW_COMMON_SHARE = 0.3             # ... nor one used by this share of the rows (at least ROW_COMMON_MIN)
ROW_COMMON_MIN = 16
HIT_PROSE_MIN_COVERAGE = 0.4       # a vendor the prose talks about ("the Facebook like button")
ELSEWHERE_MIN_COVERAGE = 0.75      # a category word in passing yields to another section that covers the question
TITLE_WEIGHT = 0.6                 # a matching section title counts this much more
TITLE_PRECISION_WEIGHT = 0.3
TITLE_LATER_PARAGRAPH = 0.5        # a title speaks for its section's opening paragraph first
POSITION_PENALTY = 0.01            # later paragraphs of a section rank a little lower
SECOND_PASSAGE_MARGIN = 0.08       # another section quoted too when it scores this close
LEAD_TITLE_COVERAGE = 0.5          # a question matching a title this well gets the section's opening sentences
BM25_K1, BM25_B = 1.2, 0.75        # the usual BM25 constants
BM25_WEIGHT = 0.03                 # each matched term's BM25 term-frequency saturation (0 to K1 + 1) counts this much

# -- quoting ---------------------------------------------------------------------------------------
QUOTE_WHOLE_CHARS = 300            # a paragraph this short is quoted whole
QUOTE_WHOLE_THREE_CHARS = 560      # ... and one of three sentences up to this long
LEAD_MAX_SENTENCES, LEAD_MAX_CHARS = 3, 220
SHORT_SENTENCE_CHARS = 80          # a best sentence this short brings the next one along
SHORT_LEAD_CHARS = 25              # a short sentence before the best one ("Yes.") belongs to it
EXCERPT_CHARS = 600
DOCUMENT_QUOTE_CHARS = 200
CATEGORY_EXCERPT_CHARS = 200

# -- answers ---------------------------------------------------------------------------------------
LIST_TEXT_ROWS = 60                # rows spelled out in a list answer's text; all rows stay in `sources`
EXTREME_ROWS = 3                   # rows named by a "top 3 longest" question at most, by default 1
CONFIDENCE = {
    "exact": 0.97, "alias": 0.93, "part": 0.85, "context": 0.85, "family": 0.8, "pattern": 0.9,
    "list": 0.9, "empty_list": 0.8, "count": 0.9, "extreme": 0.9, "document": 0.95, "categories": 0.9,
    "category_definition": 0.9,
}
FUZZY_CONFIDENCE_FLOOR, FUZZY_CONFIDENCE_BASE, FUZZY_CONFIDENCE_SPAN = 0.5, 0.55, 0.4
PROSE_CONFIDENCE_BASE, PROSE_CONFIDENCE_SPAN = 0.3, 0.65
HIT_PROSE_CONFIDENCE_SPAN = 0.6
PURPOSE_CONFIDENCE_BASE, PURPOSE_CONFIDENCE_SPAN = 0.45, 0.45
PURPOSE_LIST_CONFIDENCE_BASE, PURPOSE_LIST_CONFIDENCE_SPAN = 0.5, 0.4
UNKNOWN_WORD_CONFIDENCE_PENALTY = 0.05   # each word of a question the policy never uses
LONG_QUESTION_TERMS = 8            # from this many terms, a question's unknown words are context, not a veto
UNKNOWN_WORD_WEIGHT = 0.25         # ... and each weighs this share of the question's average known term
NAMING_CACHE_LIMIT = 4096    # texts (browsers, vendors) whose passages the index keeps
