"""The conversation engine in chat: question and review screens, their buttons, typed answers
and uploads, /batal."""
