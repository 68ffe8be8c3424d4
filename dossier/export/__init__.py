"""Getting work out: the dossier PDF, W3C Web Annotation JSON-LD, CSV. QtGui at most, never
QtWidgets: a widget only asks for the options."""
