"""Assessment files: reading, checking and writing the JSON assessment format.

The format itself is ``scoring.assessment`` (pure models); this package is the
thin I/O shell around it that ``veerkracht score``, report-from-file and the
store's export/import share.
"""

from assessments.file import (
    MAX_FILE_BYTES,
    AssessmentFileError,
    assessment_to_json,
    load_assessment_file,
    parse_assessment,
    reference_problems,
)

__all__ = [
    "MAX_FILE_BYTES",
    "AssessmentFileError",
    "assessment_to_json",
    "load_assessment_file",
    "parse_assessment",
    "reference_problems",
]
