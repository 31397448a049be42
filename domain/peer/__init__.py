"""Peer and upward (360°) feedback: who rates whom, the feedback form, anonymity, results.

UU 5/2014 Pasal 77(3) and PP 30/2019 Pasal 41 let a performance assessment consider colleagues
at the same level (rekan kerja setingkat) and direct subordinates (bawahan langsung). In this
product their feedback is *advice to the pejabat penilai*, who alone sets the Rating Perilaku
Kerja (reference §2.8). The area holds:

- ``raters``: the relations, the staff as the rules see it, eligibility, the anonymity threshold;
- ``assignment``: automatic assignment of raters; ``nomination`` and ``assignment_import``:
  the pejabat penilai's and the admin's choices;
- ``forms``: the feedback questionnaire and its answers (``PeerResponse``);
- ``aggregate``: the deadline, the freeze and what may be shown (anonymity, difference attack);
- ``comparison``: self vs peers vs subordinates vs pejabat penilai on the results screen;
- ``coaching``: bimbingan kinerja and the employee's Format B.1.8 feedback on it;
- ``development`` and ``catalogue``: weak values, recommendations, mentors, the plan;
- ``ports``: what storage must provide.

Pure: the standard library and the domain only; time is always a parameter.
"""
