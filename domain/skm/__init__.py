"""The citizens' satisfaction survey (SKM, PermenPANRB 14/2017): the nine unsur and the exact
IKM, the anonymous survey in chat, paper imports, reports by service and unit, population and the
rencana tindak lanjut (RTL)."""
