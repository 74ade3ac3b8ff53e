package bibtex

import "strings"

// adsJournals are the journal macros of the AAS (aas_macros.sty), which
// NASA ADS writes in the journal field of its BibTeX ("journal =
// {\apj}") and which a document defines for LaTeX; bibdb reads them as
// the journals they name.
var adsJournals = map[string]string{
	"aj": "The Astronomical Journal", "actaa": "Acta Astronomica", "araa": "Annual Review of Astronomy and Astrophysics",
	"apj": "The Astrophysical Journal", "apjl": "The Astrophysical Journal Letters",
	"apjs": "The Astrophysical Journal Supplement Series", "ao": "Applied Optics", "apss": "Astrophysics and Space Science",
	"aap": "Astronomy and Astrophysics", "aapr": "Astronomy and Astrophysics Review",
	"aaps": "Astronomy and Astrophysics Supplement Series", "azh": "Astronomicheskii Zhurnal",
	"baas": "Bulletin of the American Astronomical Society", "bac": "Bulletin of the Astronomical Institutes of Czechoslovakia",
	"caa": "Chinese Astronomy and Astrophysics", "cjaa": "Chinese Journal of Astronomy and Astrophysics",
	"icarus": "Icarus", "jcap": "Journal of Cosmology and Astroparticle Physics",
	"jrasc": "Journal of the Royal Astronomical Society of Canada", "memras": "Memoirs of the Royal Astronomical Society",
	"mnras": "Monthly Notices of the Royal Astronomical Society", "na": "New Astronomy", "nar": "New Astronomy Reviews",
	"pra": "Physical Review A", "prb": "Physical Review B", "prc": "Physical Review C", "prd": "Physical Review D",
	"pre": "Physical Review E", "prl": "Physical Review Letters",
	"pasa":  "Publications of the Astronomical Society of Australia",
	"pasp":  "Publications of the Astronomical Society of the Pacific",
	"pasj":  "Publications of the Astronomical Society of Japan",
	"rmxaa": "Revista Mexicana de Astronomía y Astrofísica",
	"qjras": "Quarterly Journal of the Royal Astronomical Society", "skytel": "Sky and Telescope",
	"solphys": "Solar Physics", "sovast": "Soviet Astronomy", "ssr": "Space Science Reviews",
	"zap": "Zeitschrift für Astrophysik", "nat": "Nature", "iaucirc": "IAU Circulars", "aplett": "Astrophysics Letters",
	"apspr": "Astrophysics and Space Physics Research", "bain": "Bulletin of the Astronomical Institutes of the Netherlands",
	"fcp": "Fundamentals of Cosmic Physics", "gca": "Geochimica et Cosmochimica Acta", "grl": "Geophysical Research Letters",
	"jcp": "The Journal of Chemical Physics", "jgr": "Journal of Geophysical Research",
	"jqsrt":  "Journal of Quantitative Spectroscopy and Radiative Transfer",
	"memsai": "Memorie della Società Astronomica Italiana", "nphysa": "Nuclear Physics A", "physrep": "Physics Reports",
	"physscr": "Physica Scripta", "planss": "Planetary and Space Science", "procspie": "Proceedings of the SPIE",
	"psj": "The Planetary Science Journal", "maps": "Meteoritics and Planetary Science",
}

// adsJournal returns the journal an AAS macro names ("\apj"), or "" when
// v is no such macro.
func adsJournal(v string) string {
	v = strings.TrimSpace(v)
	if len(v) < 3 || v[0] != '\\' {
		return ""
	}
	return adsJournals[v[1:]]
}
