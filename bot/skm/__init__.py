"""The SKM in chat: the citizen's survey (/layanan and the QR deep link), IKM reports, RTL,
population and posters."""
