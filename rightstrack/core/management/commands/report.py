from pathlib import Path

from rightstrack.core.management.base import Error, RightstrackCommand
from rightstrack.recommendations.selectors import OPERATOR
from rightstrack.reports import services


class Command(RightstrackCommand):
    help = ("Write a document an NMRF hands over: the OHCHR matrix of recommendations with its implementation "
            "column (Word or Excel), from the validated progress reports.")
    example = (
        "rightstrack report matrix --country SVN --cycle 3 --format docx -o slovenia-matrix.docx\n"
        "rightstrack report matrix --country SVN --language ar --format docx -o slovenia-matrix-ar.docx\n"
        "rightstrack report matrix --mechanism CCPR --format xlsx -o ccpr.xlsx\n"
        "rightstrack import filled.docx --user amina --entity 'Ministry of Justice'"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        matrix = sub.add_parser(
            "matrix", help="OHCHR's thematic list of recommendations with the assessment of their implementation",
            description="Recommendation | Position | Full list of themes | Assessment/comments on level of "
                        "implementation, grouped by theme; the assessment is written from the status, the lead and "
                        "supporting entities and the validated progress reports.")
        matrix.add_argument("--country", metavar="ISO3", help="State under review (default: every State)")
        matrix.add_argument("--cycle", type=int, metavar="N", help="UPR cycle (1-4)")
        matrix.add_argument("--mechanism", metavar="CODE", help="UPR, CCPR, CEDAW, ... (default: every mechanism)")
        matrix.add_argument("--language", choices=services.LANGUAGES, default="en",
                            help="language of the headings and labels (default: en; ar is right-to-left)")
        matrix.add_argument("--format", required=True, choices=services.FORMATS, help="docx (Word) or xlsx (Excel)")
        matrix.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")

    def run(self, *args, kind, output, format, language="en", country=None, cycle=None, mechanism=None, **options):
        # The person at the command line holds the database: the document holds everything
        # (NMRF staff's view), validated progress included; the public version is the page's
        # and the API's for anonymous readers.
        generated = services.generate(OPERATOR, kind=kind, fmt=format, language=language, country=country,
                                      cycle=cycle, mechanism=mechanism)
        path = Path(output)
        try:
            path.write_bytes(generated.content)
        except OSError as exc:
            raise Error(f"{output}: cannot write the file ({exc.strerror or exc})") from exc
        self.stdout.write(f"wrote {output}: {generated.count} recommendations, as of {generated.as_of:%Y-%m-%d}")
