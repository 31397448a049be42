"""The conversation engine: questionnaires as data, one pure state machine that runs them, and
the use cases that run it for people (one input, one transaction). It imports no area: a flow of
any area plugs in through :class:`~domain.engine.conversations.Flow`."""
