"""The ASN performance appraisal (PermenPANRB 6/2022): periods and their deadlines, SKP, the
appraisal and its predikat, BerAKHLAK, the forms and flows of self-assessment, assessment,
objection and decision, and the distribution of predikat."""
