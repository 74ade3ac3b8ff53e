// Package gen generates synthetic bibliographic records for benchmarks and
// tests: realistic in size and shape (authors with affiliations, journals
// with ISSNs, MeSH and author keywords, abstracts), deterministic for a
// seed, and, when asked, with duplicates written the way different
// databases write the same article (initials for given names, abbreviated
// journals, abbreviated page ranges, a missing DOI, a changed title case,
// online-first years), each record labelled with the work it belongs to.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// Options shape what a Generator makes.
type Options struct {
	Seed int64
	// DuplicateRate is the share of records that are another copy of an
	// earlier work (0 for none).
	DuplicateRate float64
}

// Generator yields records one at a time, holding only what it needs to
// make duplicates of recent works.
type Generator struct {
	rng    *rand.Rand
	opts   Options
	n      int
	works  int
	recent []*bib.Record // works that later records may duplicate
	ids    []int
}

// New returns a Generator.
func New(opts Options) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(uint64(opts.Seed), 0x9e3779b97f4a7c15)), opts: opts}
}

// Next returns the next record and the id of the work it is a copy of.
func (g *Generator) Next() (*bib.Record, int) {
	g.n++
	if g.opts.DuplicateRate > 0 && len(g.recent) > 0 && g.rng.Float64() < g.opts.DuplicateRate {
		i := g.rng.IntN(len(g.recent))
		rec := g.variant(g.recent[i])
		rec.Position = g.n
		return rec, g.ids[i]
	}
	g.works++
	rec := g.work()
	rec.Position = g.n
	if g.opts.DuplicateRate > 0 {
		if len(g.recent) < 5000 {
			g.recent = append(g.recent, rec)
			g.ids = append(g.ids, g.works)
		} else {
			k := g.rng.IntN(len(g.recent))
			g.recent[k], g.ids[k] = rec, g.works
		}
	}
	return rec, g.works
}

// Records returns n records without duplicates.
func Records(n int, seed int64) []*bib.Record {
	g := New(Options{Seed: seed})
	out := make([]*bib.Record, n)
	for i := range out {
		out[i], _ = g.Next()
	}
	return out
}

var (
	families = strings.Fields(`Smith Jones Williams Brown Taylor Davies Evans Wilson Thomas Johnson Roberts Walker Wright
		Robinson Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill Scott
		Cooper Morris Ward Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell James Anderson Phillips Lee
		Bell Parker Davis Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann García Rodríguez
		González Fernández López Martínez Sánchez Pérez Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu
		Hu Guo He Lin Kim Park Choi Nguyen Tran Rossi Russo Ferrari Esposito Bianchi Romano Dubois Lefebvre Moreau
		Laurent Simon Michel Jansen Visser Bakker Nielsen Hansen Johansson Andersson Kowalski Nowak Ivanov Silva Santos
		Oliveira Costa Sato Suzuki Takahashi Tanaka Watanabe Byng Creanor Hosking Plappert Britten Gask Huxley Marwaha`)
	givens = strings.Fields(`James John Robert Michael William David Richard Joseph Thomas Charles Mary Patricia Jennifer
		Linda Elizabeth Barbara Susan Jessica Sarah Karen Anna Maria Peter Paul Mark Daniel Laura Emma Olivia Sophie Jan
		Lars Ingrid Hans Klaus Wei Min Jun Hiroshi Yuki Ana Carlos José Luis Pierre Marie Giulia Marco Ahmed Fatima Priya
		Rahul Olga Sergei Ines Claudia Cristiana`)
	words = strings.Fields(`effect effects of a an the on in and for with among patients randomised controlled trial
		cohort study systematic review meta-analysis care primary mental health depression anxiety cancer diabetes
		cardiovascular risk outcomes treatment therapy intervention children adults older people women men hospital
		community quality life mortality incidence prevalence association between factors analysis model based
		evaluation cost-effectiveness screening diagnosis chronic disease obesity exercise diet smoking alcohol
		pregnancy infection vaccine COVID-19 stroke heart failure kidney liver lung asthma pain surgery nursing
		education implementation policy national survey cross-sectional longitudinal follow-up years novel approach
		clinical practice guideline evidence assessment measurement validation questionnaire qualitative interviews
		experiences barriers facilitators digital online telehealth collaborative severe illness psychosis schizophrenia`)
	journals = []struct{ full, abbr, issn, eissn string }{
		{"British Journal of Psychiatry", "Br J Psychiatry", "0007-1250", "1472-1465"},
		{"The Lancet", "Lancet", "0140-6736", "1474-547X"},
		{"BMJ Open", "BMJ Open", "2044-6055", ""},
		{"PLoS One", "PLoS One", "1932-6203", ""},
		{"Journal of Clinical Epidemiology", "J Clin Epidemiol", "0895-4356", "1878-5921"},
		{"Diabetes Care", "Diabetes Care", "0149-5992", "1935-5548"},
		{"Psychological Medicine", "Psychol Med", "0033-2917", "1469-8978"},
		{"Journal of Advanced Nursing", "J Adv Nurs", "0309-2402", "1365-2648"},
		{"American Journal of Epidemiology", "Am J Epidemiol", "0002-9262", "1476-6256"},
		{"Social Science & Medicine", "Soc Sci Med", "0277-9536", "1873-5347"},
		{"Health Technology Assessment", "Health Technol Assess", "1366-5278", "2046-4924"},
		{"European Journal of Public Health", "Eur J Public Health", "1101-1262", "1464-360X"},
	}
	places  = strings.Fields(`London Manchester Birmingham Oxford Cambridge Plymouth Exeter Leeds Boston Toronto Sydney Berlin Paris Madrid Beijing Tokyo`)
	units   = []string{"Department of Psychiatry", "School of Public Health", "Institute of Health Research", "Faculty of Medicine", "Centre for Primary Care", "Division of Epidemiology", "Clinical Trials Unit"}
	meshes  = strings.Fields(`Humans Female Male Adult Aged Adolescent Child Middle-Aged Depression Anxiety Schizophrenia Diabetes Neoplasms Stroke Obesity`)
	quals   = []string{"therapy", "epidemiology", "drug therapy", "psychology", "diagnosis", "prevention & control"}
	ptypes  = []string{"Journal Article", "Randomized Controlled Trial", "Review", "Comparative Study"}
	langs   = []string{"eng", "eng", "eng", "eng", "ger", "fre", "spa"}
	letters = "ABCDEFGHIJKLMNOPRSTW"
)

func (g *Generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *Generator) sentence(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = g.pick(words)
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ")
}

var syllables = strings.Fields(`ka lo mi ne ra tu si ve po la den mar tol rin gex zam pho cy tri bru vel nor sta qui fen dro lux`)

// term makes one of about 50 000 topic words (a drug, a gene, a place):
// real titles carry such rare words, and blocking keys depend on them.
func (g *Generator) term() string {
	n := 2 + g.rng.IntN(3)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(syllables[g.rng.IntN(len(syllables))])
	}
	return b.String()
}

// title is a title of common words with two topic words in it.
func (g *Generator) title() string {
	w := strings.Fields(g.sentence(7 + g.rng.IntN(9)))
	for k := 0; k < 2; k++ {
		i := g.rng.IntN(len(w)-1) + 1
		w[i] = g.term()
	}
	return strings.Join(w, " ")
}

func (g *Generator) work() *bib.Record {
	j := journals[g.rng.IntN(len(journals))]
	year := 1990 + g.rng.IntN(36)
	first := 1 + g.rng.IntN(2000)
	rec := &bib.Record{
		Type:            "article-journal",
		Title:           g.title(),
		Container:       j.full,
		ContainerAbbrev: j.abbr,
		Volume:          fmt.Sprint(1 + g.rng.IntN(400)),
		Issue:           fmt.Sprint(1 + g.rng.IntN(12)),
		FirstPage:       fmt.Sprint(first),
		LastPage:        fmt.Sprint(first + 3 + g.rng.IntN(15)),
		Date:            bib.Date{Year: year, Month: 1 + g.rng.IntN(12)},
		Language:        g.pick(langs),
		Abstract:        g.sentence(60) + ". " + g.sentence(60) + ". " + g.sentence(40) + ".",
		Database:        "PubMed",
	}
	rec.SourceID = fmt.Sprint(10000000 + g.works)
	rec.AddIdentifier(bib.PMID, rec.SourceID)
	if g.rng.IntN(10) < 8 {
		rec.AddIdentifier(bib.DOI, fmt.Sprintf("10.%d/gen.%d.%d", 1000+g.rng.IntN(9000), year, g.works))
	}
	rec.AddISSN(j.issn, bib.ISSNPrint)
	if j.eissn != "" {
		rec.AddISSN(j.eissn, bib.ISSNElectronic)
	}
	nAuth := 1 + g.rng.IntN(8)
	if g.rng.IntN(50) == 0 {
		nAuth = 30 + g.rng.IntN(200)
	}
	for i := 0; i < nAuth; i++ {
		p := bib.Person{Family: g.pick(families), Given: g.pick(givens)}
		if g.rng.IntN(3) == 0 {
			p.Given += " " + string(letters[g.rng.IntN(len(letters))]) + "."
		}
		p.Affiliations = []string{fmt.Sprintf("%s, University of %s, %s", g.pick(units), g.pick(places), "UK")}
		rec.Authors = append(rec.Authors, p)
	}
	for i := 0; i < 3+g.rng.IntN(6); i++ {
		rec.AddKeyword(bib.Keyword{Term: g.pick(meshes), Vocabulary: bib.VocabMeSH, Qualifier: []string{"", g.pick(quals)}[g.rng.IntN(2)], Major: g.rng.IntN(4) == 0})
	}
	for i := 0; i < 2+g.rng.IntN(4); i++ {
		rec.AddKeyword(bib.Keyword{Term: g.sentence(2), Vocabulary: bib.VocabAuthor})
	}
	rec.PublicationTypes = []string{g.pick(ptypes)}
	return rec
}

// variant returns a copy of rec written the way another database might
// write it.
func (g *Generator) variant(rec *bib.Record) *bib.Record {
	v := *rec
	v.Authors = make([]bib.Person, len(rec.Authors))
	for i, p := range rec.Authors {
		if g.rng.IntN(2) == 0 {
			p.Given = bib.Initials(p.Given)
		}
		p.Affiliations = nil
		v.Authors[i] = p
	}
	v.Identifiers = append([]bib.Identifier(nil), rec.Identifiers...)
	v.Keywords = nil
	v.Database = []string{"Embase", "Scopus", "Web of Science", "PsycINFO"}[g.rng.IntN(4)]
	v.SourceID = fmt.Sprintf("%s-%d", strings.ToLower(v.Database[:3]), g.n)
	switch g.rng.IntN(6) {
	case 0:
		v.Title = strings.ToUpper(v.Title)
	case 1:
		v.Title = strings.TrimSuffix(v.Title, ".") + "."
	case 2:
		v.Title = strings.Replace(v.Title, " and ", " & ", 1)
	}
	if g.rng.IntN(3) == 0 { // no DOI in this database
		var ids []bib.Identifier
		for _, id := range v.Identifiers {
			if id.Scheme != bib.DOI {
				ids = append(ids, id)
			}
		}
		v.Identifiers = ids
	}
	if g.rng.IntN(2) == 0 { // no PMID outside PubMed
		var ids []bib.Identifier
		for _, id := range v.Identifiers {
			if id.Scheme != bib.PMID {
				ids = append(ids, id)
			}
		}
		v.Identifiers = ids
	}
	if g.rng.IntN(2) == 0 {
		v.Container = v.ContainerAbbrev
	}
	if g.rng.IntN(5) == 0 && len(v.FirstPage) == len(v.LastPage) && len(v.LastPage) > 1 {
		v.LastPage = v.LastPage[len(v.LastPage)-1:] // abbreviated end page as MEDLINE writes it ("1008-12")
		_, v.LastPage = bib.ParsePages(v.FirstPage + "-" + v.LastPage)
	}
	if g.rng.IntN(8) == 0 {
		v.Date.Year-- // online first
	}
	if g.rng.IntN(4) == 0 {
		v.Abstract = ""
	}
	return &v
}
