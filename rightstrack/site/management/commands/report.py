from pathlib import Path

from rightstrack.core.permissions import OPERATOR
from rightstrack.reports import services
from rightstrack.site.management.base import Error, RightstrackCommand


class Command(RightstrackCommand):
    help = (
        "Write a document an NMRF hands over: the OHCHR matrix of recommendations with its implementation "
        "column (Word or Excel), the UPR mid-term report (Word or PDF) or a national action plan (Word, PDF or "
        "Excel) or a treaty-body follow-up report (Word or PDF), from the validated progress reports."
    )
    example = (
        "rightstrack report matrix --country SVN --cycle 3 --format docx -o slovenia-matrix.docx\n"
        "rightstrack report matrix --country SVN --language ar --format docx -o slovenia-matrix-ar.docx\n"
        "rightstrack report matrix --mechanism CCPR --format xlsx -o ccpr.xlsx\n"
        "rightstrack report midterm --country SVN --cycle 4 --format pdf -o slovenia-midterm.pdf\n"
        "rightstrack report midterm --country SVN --cycle 4 --organisation 'Human Rights Ombudsman' --format docx "
        "-o ombudsman-assessment.docx\n"
        "rightstrack report plan --plan 1 --language fr --format xlsx -o plan.xlsx\n"
        "rightstrack report followup --document CCPR/C/SVN/CO/3 --format docx -o slovenia-ccpr-followup.docx\n"
        "rightstrack import filled.docx --user amina --entity 'Ministry of Justice'"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        matrix = sub.add_parser(
            "matrix",
            help="OHCHR's thematic list of recommendations with the assessment of their implementation",
            description="Recommendation | Position | Full list of themes | Assessment/comments on level of "
            "implementation, grouped by theme; the assessment is written from the status, the lead and "
            "supporting entities and the validated progress reports.",
        )
        matrix.add_argument("--country", metavar="ISO3", help="State under review (default: every State)")
        matrix.add_argument("--cycle", type=int, metavar="N", help="UPR cycle (1-4)")
        matrix.add_argument("--mechanism", metavar="CODE", help="UPR, CCPR, CEDAW, ... (default: every mechanism)")
        matrix.add_argument(
            "--language",
            choices=services.LANGUAGES,
            default="en",
            help="language of the headings and labels (default: en; ar is right-to-left)",
        )
        matrix.add_argument(
            "--format", required=True, choices=services.KINDS["matrix"], help="docx (Word) or xlsx (Excel)"
        )
        matrix.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
        midterm = sub.add_parser(
            "midterm",
            help="the UPR mid-term report of a State on one cycle",
            description="Cover, methodology and consultation, overview with charts, progress by theme (clusters, "
            "measures, indicators, challenges, next steps), changes of position, technical-assistance "
            "and funding needs, and an annex with every recommendation, supported and noted.",
        )
        midterm.add_argument("--country", required=True, metavar="ISO3", help="State under review")
        midterm.add_argument("--cycle", required=True, type=int, metavar="N", help="UPR cycle (1-4)")
        midterm.add_argument(
            "--organisation",
            metavar="NAME",
            default="",
            help="an NHRI's or civil-society organisation's own assessment instead of the State's "
            "progress reports (the name its assessments give)",
        )
        self._common(midterm, "midterm", "docx (Word) or pdf")
        plan = sub.add_parser(
            "plan",
            help="a national action plan (OHCHR Handbook layout)",
            description="Goal (cluster) | Objective | Activity | Responsible agency | Completion, with indicators, "
            "budget and funding source, affected groups and the gender perspective.",
        )
        plan.add_argument(
            "--plan",
            required=True,
            type=int,
            metavar="ID",
            help="the plan's number, as in its page's address (/plans/1/)",
        )
        self._common(plan, "plan", "docx (Word), pdf or xlsx (Excel: every field, one row per activity)")
        followup = sub.add_parser(
            "followup",
            help="the State's follow-up report to a treaty body on the paragraphs it picked",
            description="Each paragraph picked for follow-up, part by part verbatim, with the measures taken, the "
            "responsible entity, the date and the data (pre-filled from the actions and validated progress "
            "reports), the Committee's last grades, and the date the reply is due.",
        )
        followup.add_argument(
            "--document", required=True, metavar="SYMBOL", help="the concluding observations, e.g. CCPR/C/SVN/CO/3"
        )
        self._common(followup, "followup", "docx (Word) or pdf")

    @staticmethod
    def _common(parser, kind: str, formats: str) -> None:
        parser.add_argument(
            "--language",
            choices=services.LANGUAGES,
            default="en",
            help="language of the headings and labels (default: en; ar is right-to-left)",
        )
        parser.add_argument("--format", required=True, choices=services.KINDS[kind], help=formats)
        parser.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")

    def run(
        self,
        *args,
        kind,
        output,
        format,
        language="en",
        country=None,
        cycle=None,
        mechanism=None,
        plan=None,
        organisation="",
        document="",
        **options,
    ):
        # The person at the command line holds the database: the document holds everything
        # (NMRF staff's view), validated progress included; the public version is the page's
        # and the API's for anonymous readers.
        generated = services.generate(
            OPERATOR,
            kind=kind,
            fmt=format,
            language=language,
            country=country,
            cycle=cycle,
            mechanism=mechanism,
            plan=plan,
            organisation=organisation,
            document=document,
        )
        path = Path(output)
        try:
            path.write_bytes(generated.content)
        except OSError as exc:
            raise Error(f"{output}: cannot write the file ({exc.strerror or exc})") from exc
        what = {"plan": "activities", "followup": "paragraphs"}.get(kind, "recommendations")
        self.stdout.write(f"wrote {output}: {generated.count} {what}, as of {generated.as_of:%Y-%m-%d}")
