"""Working as a team: merging another analyst's dossier, its conflicts, captures of one story."""
