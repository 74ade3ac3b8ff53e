package dedup

// Memory is a Source held in memory: the clusters of a set of records
// placed one after another. It is what Place needs to cluster a file
// without a database, and the reference the database's clustering is
// tested against.
type Memory struct {
	members   []Member
	byID      map[int64]int
	byKey     map[string]int
	keys      map[string][]int
	works     map[int64][]int
	decisions map[string]map[string]Verdict
	nextWork  int64
	// Reviews collects the uncertain pairs met while placing.
	Reviews []Pair
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{byID: map[int64]int{}, byKey: map[string]int{}, keys: map[string][]int{}, works: map[int64][]int{},
		decisions: map[string]map[string]Verdict{}}
}

// Decide records a person's verdict (Same or Different) on two records
// given by fingerprint. It applies to records added after it.
func (m *Memory) Decide(a, b string, v Verdict) {
	for _, p := range [][2]string{{a, b}, {b, a}} {
		if m.decisions[p[0]] == nil {
			m.decisions[p[0]] = map[string]Verdict{}
		}
		m.decisions[p[0]][p[1]] = v
	}
}

// Candidates implements Source.
func (m *Memory) Candidates(keys []string) ([]Member, error) {
	var out []Member
	seen := map[int]bool{}
	for _, k := range keys {
		for _, i := range m.keys[k] {
			if !seen[i] {
				seen[i] = true
				out = append(out, m.members[i])
			}
		}
	}
	return out, nil
}

// Members implements Source.
func (m *Memory) Members(work int64) ([]Member, error) {
	var out []Member
	for _, i := range m.works[work] {
		out = append(out, m.members[i])
	}
	return out, nil
}

// Decisions implements Source.
func (m *Memory) Decisions(r Member) (same, different []Member, err error) {
	for other, v := range m.decisions[r.Key] {
		i, ok := m.byKey[other]
		if !ok {
			continue
		}
		if v == Same {
			same = append(same, m.members[i])
		} else {
			different = append(different, m.members[i])
		}
	}
	return same, different, nil
}

// Add places a record and returns the placement and its work.
func (m *Memory) Add(r Member) (Placement, int64, error) {
	p, err := Place(m, r)
	if err != nil {
		return p, 0, err
	}
	work := p.Work
	if work == 0 {
		m.nextWork++
		work = m.nextWork
	}
	for _, other := range p.Merge {
		for _, i := range m.works[other] {
			m.members[i].Work = work
			m.works[work] = append(m.works[work], i)
		}
		delete(m.works, other)
	}
	r.Work = work
	i := len(m.members)
	m.members = append(m.members, r)
	m.byID[r.ID] = i
	m.byKey[r.Key] = i
	m.works[work] = append(m.works[work], i)
	for _, k := range Keys(r.F) {
		m.keys[k] = append(m.keys[k], i)
	}
	m.Reviews = append(m.Reviews, p.Review...)
	return p, work, nil
}

// Work returns the work of a record by id.
func (m *Memory) Work(id int64) int64 { return m.members[m.byID[id]].Work }
