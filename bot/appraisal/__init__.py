"""The appraisal in chat: self-assessment, assessment, objection and decision, results, team,
SKP, distribution and periods."""
