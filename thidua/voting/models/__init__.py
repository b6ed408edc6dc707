from thidua.voting.models.ballot import Ballot, PaperEntry, PaperSheet, Voter
from thidua.voting.models.meeting import Attendance, CommitteeMember, Meeting
from thidua.voting.models.poll import Candidate, Poll

__all__ = [
    "Attendance",
    "Ballot",
    "Candidate",
    "CommitteeMember",
    "Meeting",
    "PaperEntry",
    "PaperSheet",
    "Poll",
    "Voter",
]
