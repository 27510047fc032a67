"""The corpus as one self-contained HTML page: series timelines, careers, meetings.

Like the review page (`evals/review.py`): inline CSS and JavaScript, the corpus embedded as JSON,
nothing fetched (a Content-Security-Policy forbids it), so the file opens from disk. The script
builds the page with `textContent` only: names and titles from articles are shown as text, never
read as HTML. Every record links to its sources: the Document files, by a path relative to the
page. Sections: each series' editions on a timeline (year, venue, host, held or planned, conflicts
marked), each person's career (offices in date order, meetings attended) and how their records
were joined, each meeting with its participants and decisions, and the candidates left open.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from schemas.corpus import Corpus

PAGE_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #222; }
header { background: #24364b; color: #fff; padding: 8px 16px; position: sticky; top: 0; }
header a { color: #cfe3ff; margin-right: 14px; }
main { padding: 8px 16px 40px; }
h2 { border-bottom: 2px solid #24364b; margin-top: 28px; }
.card { border: 1px solid #ccd; border-radius: 6px; padding: 8px 12px; margin: 10px 0;
        scroll-margin-top: 70px; }
.card:target { outline: 3px solid #f0b400; }
.timeline { display: flex; gap: 8px; overflow-x: auto; padding: 6px 0; }
.edition { min-width: 150px; border-left: 4px solid #3a7; padding: 4px 8px; background: #f4faf6; }
.edition.planned { border-left-color: #aaa; background: #f6f6f6; font-style: italic; }
.edition.conflict { border-left-color: #d33; background: #fff2f2; }
.year { font-weight: bold; font-size: 16px; }
table { border-collapse: collapse; margin: 4px 0; }
td, th { border-bottom: 1px solid #eee; padding: 2px 8px; text-align: left; vertical-align: top; }
.source a, a.source { font-size: 12px; color: #36c; margin-right: 6px; }
.merge { font-size: 12px; color: #444; margin: 2px 0; }
.kind { display: inline-block; font-size: 11px; padding: 0 4px; border-radius: 3px;
        background: #e6eefc; margin-right: 4px; }
.muted { color: #777; }
#filter { margin: 6px 0; padding: 3px 6px; width: 260px; }
"""

PAGE_JS = r"""
const data = JSON.parse(document.getElementById('corpus-data').textContent);
const corpus = data.corpus;
const people = new Map(corpus.people.map((p) => [p.id, p]));
const meetings = new Map(corpus.meetings.map((m) => [m.id, m]));

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}
function sourceLink(ref) {
  const href = data.links[ref.doc_id];
  const text = ref.doc_id + ':' + ref.record;
  return href ? el('a', {class: 'source', href: href}, text) : el('span', {class: 'source'}, text);
}
function sources(refs) { return el('span', {class: 'source'}, ...refs.map(sourceLink)); }
function personName(person) {
  const forms = [...new Set(person.names.flatMap((n) => [n.simplified, n.pinyin, n.written]))];
  return forms.filter((x) => x).join(' / ');
}
function meetingName(meeting) { return meeting.names[0].text; }
function link(kind, id, text) { return el('a', {href: '#' + kind + '-' + id}, text); }
function conflictsOf(id) { return corpus.conflicts.filter((c) => c.subject_id === id); }
function conflictText(c) {
  const values = c.values.map((v) => String(v.value) + (v.status ? ' (' + v.status + ')' : ''));
  return c.field + ': ' + values.join(' vs ');
}

function conflictNote(c) { return el('div', {class: 'conflict-note'}, '⚠ ' + conflictText(c)); }

function editionCard(edition) {
  const meeting = edition.meeting ? meetings.get(edition.meeting) : null;
  const conflicts = conflictsOf(edition.id);
  const held = meeting !== null;
  const classes = ['edition', held ? 'held' : 'planned'];
  if (conflicts.length) classes.push('conflict');
  const venue = meeting ? [meeting.city, meeting.province].filter((x) => x).join(', ') : '';
  return el('div', {class: classes.join(' '), 'data-edition': edition.id,
                    'data-year': String(edition.year ?? '')},
    el('div', {class: 'year'}, String(edition.year ?? '?') +
       (edition.ordinal ? ' (no. ' + edition.ordinal + ')' : '')),
    el('div', {class: 'status'}, held ? 'held' : 'planned'),
    venue ? el('div', {class: 'venue'}, 'venue: ' + venue) : null,
    meeting && meeting.host ? el('div', {class: 'host'}, 'host: ' + meeting.host) : null,
    edition.planned_host ? el('div', {class: 'planned-host'},
                              'planned host: ' + edition.planned_host) : null,
    meeting ? link('meeting', meeting.id, meetingName(meeting)) : null,
    ...conflicts.map(conflictNote),
    edition.planned_by.length ? el('div', {}, 'planned by ', sources(edition.planned_by)) : null);
}
function seriesCard(series) {
  const editions = [...series.editions].sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  return el('div', {class: 'card series', id: 'series-' + series.id},
    el('h3', {}, series.name_en + ' / ' + series.name_zh),
    el('div', {class: 'timeline'}, ...editions.map(editionCard)));
}

function careerRow(position) {
  return el('tr', {class: 'office'},
    el('td', {class: 'date'}, position.as_of || 'undated'),
    el('td', {class: 'title'}, position.title),
    el('td', {}, position.rank), el('td', {class: 'region'}, position.region || ''),
    el('td', {}, sourceLink(position.source)));
}
function attendedRow(id) {
  const meeting = meetings.get(id);
  return el('li', {class: 'attended'}, link('meeting', id, meetingName(meeting)),
            ' ' + (meeting.start_date || 'undated'));
}
function mergeLine(merge) {
  return el('div', {class: 'merge', 'data-kind': merge.kind},
            el('span', {class: 'kind'}, merge.kind), merge.reason);
}
function personCard(person) {
  return el('div', {class: 'card person', id: 'person-' + person.id,
                    'data-names': personName(person).toLowerCase()},
    el('h3', {}, person.id + ' ' + personName(person) +
       (person.region ? ' · ' + person.region : '')),
    el('table', {class: 'career'}, el('tr', {}, el('th', {}, 'date'), el('th', {}, 'office'),
       el('th', {}, 'rank'), el('th', {}, 'region'), el('th', {}, 'source')),
       ...person.positions.map(careerRow)),
    el('ul', {class: 'meetings'}, ...person.meetings.map(attendedRow)),
    person.merges.length ? el('div', {class: 'merges'}, el('b', {}, 'joined: '),
                              ...person.merges.map(mergeLine)) : null,
    el('div', {}, 'sources: ', sources(person.sources)));
}

function participantRow(part) {
  const person = people.get(part.person);
  return el('li', {class: 'participant'}, link('person', part.person, personName(person)),
            ' ' + part.roles.join(', ') + ' ', sources(part.sources));
}
function decisionRow(decision) {
  const next = decision.next_host || decision.next_year ?
    ' (next: ' + [decision.next_host, decision.next_year].filter((x) => x).join(' ') + ')' : '';
  return el('li', {class: 'decision'}, decision.kind + ': ' + decision.titles[0].text + next,
            ' ', sources(decision.sources));
}
function meetingCard(meeting) {
  const place = [meeting.city, meeting.province].filter((x) => x).join(', ');
  return el('div', {class: 'card meeting', id: 'meeting-' + meeting.id},
    el('h3', {}, meeting.id + ' ' + meetingName(meeting)),
    el('div', {}, [meeting.start_date || 'undated', place, meeting.kind].filter((x) => x)
       .join(' · ')),
    meeting.names.length > 1 ? el('div', {class: 'muted'},
      'also: ' + meeting.names.slice(1).map((n) => n.text).join(' | ')) : null,
    el('ul', {class: 'participants'}, ...meeting.participants.map(participantRow)),
    el('ul', {class: 'decisions'}, ...meeting.resolutions.map(decisionRow)),
    ...conflictsOf(meeting.id).map(conflictNote),
    el('div', {}, 'sources: ', sources(meeting.sources)));
}
function candidateRow(candidate) {
  const [a, b] = candidate.people;
  return el('li', {class: 'candidate'}, link('person', a, a), ' ? ', link('person', b, b), ' ',
            candidate.evidence);
}

function render() {
  document.getElementById('summary').textContent = corpus.documents.length + ' documents, ' +
    corpus.meetings.length + ' meetings, ' + corpus.people.length + ' people, ' +
    corpus.series.length + ' series';
  document.getElementById('series').append(...corpus.series.map(seriesCard));
  document.getElementById('people').append(...corpus.people.map(personCard));
  document.getElementById('meetings').append(...corpus.meetings.map(meetingCard));
  document.getElementById('candidates').append(...corpus.candidates.map(candidateRow));
  document.getElementById('filter').addEventListener('input', (event) => {
    const wanted = event.target.value.trim().toLowerCase();
    for (const card of document.querySelectorAll('.person')) {
      card.hidden = wanted !== '' && !card.dataset.names.includes(wanted);
    }
  });
  if (location.hash) document.querySelector(location.hash)?.scrollIntoView();
}
render();
"""

PAGE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
style-src 'unsafe-inline'; script-src 'unsafe-inline';">
<title>Corpus</title>
<style>/*CSS*/</style>
</head>
<body>
<header><b>Corpus</b> <span id="summary"></span>
  <nav><a href="#series">series</a><a href="#people-section">people</a>
  <a href="#meetings">meetings</a><a href="#candidates">candidates</a></nav></header>
<main>
<h2>Series</h2><section id="series"></section>
<h2 id="people-section">People</h2>
<input id="filter" placeholder="filter people by name">
<section id="people"></section>
<h2>Meetings</h2><section id="meetings"></section>
<h2>Possibly one person</h2><ul id="candidates"></ul>
</main>
<script id="corpus-data" type="application/json">/*DATA*/</script>
<script>/*JS*/</script>
</body>
</html>
"""


def embedded_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` can end or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text


def _source_links(corpus: Corpus, page: Path) -> dict[str, str]:
    """Each document's file as a link relative to the page (so the folder can be moved)."""
    folder = page.resolve().parent
    return {
        d.doc_id: Path(os.path.relpath(Path(d.path).resolve(), folder)).as_posix()
        for d in corpus.documents
    }


def render_page(corpus: Corpus, page: Path) -> str:
    """The HTML text of the page to be written at `page`."""
    data = {"corpus": corpus.model_dump(mode="json"), "links": _source_links(corpus, page)}
    html = PAGE_HTML.replace("/*CSS*/", PAGE_CSS).replace("/*JS*/", PAGE_JS)
    return html.replace("/*DATA*/", embedded_json(data))


def write_page(corpus: Corpus, page: Path) -> Path:
    """Write the page whole or not at all (a temporary file beside it, then a rename)."""
    page.parent.mkdir(parents=True, exist_ok=True)
    temporary = page.with_name(f".{page.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(render_page(corpus, page))
        os.replace(temporary, page)
    finally:
        temporary.unlink(missing_ok=True)
    return page
