// The review page: an index of documents and one document at a time (see evals/review.py).
// Every text from the data goes into the page through textContent, never as HTML.
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("review-data").textContent);
  const TYPES = DATA.record_types;
  const SINGULAR = { meetings: "meeting", officials: "official", resolutions: "resolution" };
  const STATUS_TEXT = {
    matched: "matched", wrong: "wrong fields", spurious: "spurious", missed: "missed",
    predicted: "predicted",
  };
  const DIFFERENT = new Set(["wrong", "spurious", "missed"]);
  const byId = new Map(DATA.documents.map((doc) => [doc.id, doc]));
  const state = { sortKey: null, sortDescending: false, order: [], current: null, selected: -1 };

  // --- Offsets: the one place where code points become UTF-16 units --------------------------

  // unitIndex(text)[c] is the UTF-16 index of code point c (the contract counts code points,
  // JavaScript strings count UTF-16 units: a character outside the BMP is two units).
  function unitIndex(text) {
    const units = [0];
    for (let unit = 0; unit < text.length;) {
      unit += text.codePointAt(unit) > 0xffff ? 2 : 1;
      units.push(unit);
    }
    return units;
  }

  // --- Small DOM helpers ----------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function cell(row, text, className) {
    const td = el("td", className, text);
    row.appendChild(td);
    return td;
  }

  function fixed(value) {
    return value === null || value === undefined ? "—" : Number(value).toFixed(3);
  }

  function table(headers, rows) {
    const t = el("table");
    const head = t.createTHead().insertRow();
    headers.forEach((h) => head.appendChild(el("th", typeof h === "string" ? "" : "num", typeof h === "string" ? h : h.num)));
    const body = t.createTBody();
    rows.forEach((values) => {
      const row = body.insertRow();
      values.forEach((v, i) => cell(row, v, typeof headers[i] === "string" ? "" : "num"));
    });
    return t;
  }

  // --- The index ------------------------------------------------------------------------------

  function runNumber(doc, name) {
    return doc.run && typeof doc.run[name] === "number" ? doc.run[name] : null;
  }

  function tokens(doc) {
    const p = runNumber(doc, "prompt_tokens"), c = runNumber(doc, "completion_tokens");
    return p === null && c === null ? null : (p || 0) + (c || 0);
  }

  function recordCount(doc, side) {
    return TYPES.reduce((sum, kind) => sum + doc.counts[kind][side], 0);
  }

  // Columns: label, sort value, shown text, numeric.
  function columns() {
    const common = [
      { key: "id", label: "Document", value: (d) => d.id },
      { key: "language", label: "Language", value: (d) => d.language || "" },
      { key: "status", label: "Status", value: (d) => d.status, badge: true },
    ];
    if (DATA.has_gold) {
      return common.concat([
        { key: "headline", label: "Headline", value: (d) => d.scores.headline, show: fixed, num: true },
        ...TYPES.map((kind) => ({
          key: kind, label: kind[0].toUpperCase() + kind.slice(1) + " qF1", num: true,
          value: (d) => d.scores.by_type[kind].quality_f1, show: fixed,
        })),
        { key: "pred", label: "Predicted", value: (d) => recordCount(d, "pred"), num: true },
        { key: "gold", label: "Gold", value: (d) => recordCount(d, "gold"), num: true },
        { key: "differences", label: "Differences", value: (d) => d.differences, num: true },
      ]);
    }
    return common.concat([
      ...TYPES.map((kind) => ({
        key: kind, label: kind[0].toUpperCase() + kind.slice(1), num: true,
        value: (d) => d.counts[kind].pred,
      })),
      { key: "seconds", label: "Seconds", value: (d) => runNumber(d, "seconds"), num: true },
      { key: "tokens", label: "Tokens", value: tokens, num: true },
      { key: "calls", label: "Calls", value: (d) => runNumber(d, "calls"), num: true },
      { key: "cache_hits", label: "Cache hits", value: (d) => runNumber(d, "cache_hits"), num: true },
    ]);
  }

  const COLUMNS = columns();
  const STATUS_RANK = { failed: 0, invalid: 1, missing: 2, ok: 3 };

  // Worst first: the lowest headline against gold; failed, invalid, missing first without it.
  function defaultSort() {
    state.sortKey = DATA.has_gold ? "headline" : "status";
    state.sortDescending = false;
  }

  function sortValue(column, doc) {
    if (column.key === "status") return STATUS_RANK[doc.status];
    return column.value(doc);
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    return a < b ? -1 : 1;
  }

  function filtered() {
    const language = document.getElementById("filter-language").value;
    const kind = document.getElementById("filter-type").value;
    const status = document.getElementById("filter-status").value;
    return DATA.documents.filter((doc) =>
      (!language || doc.language === language) &&
      (!status || doc.status === status) &&
      (!kind || doc.counts[kind].pred + doc.counts[kind].gold > 0));
  }

  function orderDocuments() {
    const column = COLUMNS.find((c) => c.key === state.sortKey);
    const sign = state.sortDescending ? -1 : 1;
    state.order = filtered().sort((a, b) =>
      sign * compare(sortValue(column, a), sortValue(column, b)) || compare(a.id, b.id));
  }

  function fillSelect(id, label, values, names) {
    const select = document.getElementById(id);
    select.appendChild(el("option", "", "all")).value = "";
    values.forEach((value) => {
      const option = el("option", "", names ? names[value] || value : value);
      option.value = value;
      select.appendChild(option);
    });
    select.addEventListener("change", renderIndexRows);
  }

  function statusBadge(status) {
    return el("span", "status status-" + status, status);
  }

  function renderIndexHead() {
    const row = document.querySelector("#index thead").insertRow();
    COLUMNS.forEach((column) => {
      const th = el("th", column.num ? "num" : "", column.label);
      th.dataset.key = column.key;
      th.addEventListener("click", () => {
        state.sortDescending = state.sortKey === column.key ? !state.sortDescending : false;
        state.sortKey = column.key;
        renderIndexRows();
      });
      row.appendChild(th);
    });
  }

  function renderIndexRows() {
    orderDocuments();
    document.querySelectorAll("#index th").forEach((th) => {
      if (th.dataset.key === state.sortKey) {
        th.setAttribute("aria-sort", state.sortDescending ? "descending" : "ascending");
      } else th.removeAttribute("aria-sort");
    });
    const body = document.createElement("tbody");
    state.order.forEach((doc) => {
      const row = body.insertRow();
      row.dataset.doc = doc.id;
      COLUMNS.forEach((column) => {
        const value = column.value(doc);
        if (column.badge) {
          const td = cell(row, "");
          td.appendChild(statusBadge(value));
          if (doc.reason) td.title = doc.reason;
        } else {
          cell(row, column.show ? column.show(value) : value === null ? "—" : value, column.num ? "num" : "");
        }
      });
      row.addEventListener("click", () => openDocument(doc.id));
    });
    document.querySelector("#index tbody").replaceWith(body);
    document.getElementById("shown-count").textContent =
      state.order.length + " of " + DATA.documents.length + " documents";
  }

  function renderSummary() {
    const box = document.getElementById("summary");
    if (DATA.summary) {
      box.appendChild(el("h2", "", "Against gold: headline " + fixed(DATA.summary.headline)));
      const rows = TYPES.map((kind) => {
        const s = DATA.summary.by_type[kind];
        return [kind, fixed(s.precision), fixed(s.recall), fixed(s.f1), fixed(s.quality_f1), s.gold, s.pred, s.matched];
      });
      const summary = table(["type", { num: "precision" }, { num: "recall" }, { num: "f1" },
        { num: "quality_f1" }, { num: "gold" }, { num: "pred" }, { num: "matched" }], rows);
      summary.id = "summary-table";
      box.appendChild(summary);
      const ev = DATA.summary.evidence;
      if (ev) {
        box.appendChild(el("div", "", "Evidence: " + ev.valid_spans + " of " + ev.predicted_spans +
          " spans valid (" + fixed(ev.valid_share) + "), mean IoU " + fixed(ev.overlap_iou) + ", " +
          ev.ungrounded_records + " ungrounded records"));
      }
    }
    if (DATA.run && DATA.run.totals) {
      const t = DATA.run.totals;
      box.appendChild(el("h2", "", "Run"));
      const names = ["ok", "failed", "seconds", "prompt_tokens", "completion_tokens", "calls", "cache_hits"];
      box.appendChild(table(names.map((n) => ({ num: n })), [names.map((n) => t[n] === undefined ? "—" : t[n])]));
    }
  }

  function renderProblems() {
    if (!DATA.problems.length) return;
    const box = document.getElementById("problems");
    box.appendChild(el("h2", "", "Files that could not be used (" + DATA.problems.length + ")"));
    const problems = table(["document", "kind", "reason", "file"],
      DATA.problems.map((p) => [p.doc_id, p.kind, p.reason, p.file]));
    problems.id = "problems-table";
    box.appendChild(problems);
  }

  function renderIndex() {
    const sources = document.getElementById("sources");
    sources.textContent = "predictions " + DATA.sources.pred +
      (DATA.sources.gold ? " · gold " + DATA.sources.gold : " · no gold");
    renderSummary();
    renderProblems();
    const languages = [...new Set(DATA.documents.map((d) => d.language).filter(Boolean))].sort();
    const statuses = [...new Set(DATA.documents.map((d) => d.status))].sort();
    fillSelect("filter-language", "Language", languages);
    fillSelect("filter-type", "Record type", TYPES);
    fillSelect("filter-status", "Status", statuses);
    renderIndexHead();
    defaultSort();
    renderIndexRows();
  }

  // --- One document ---------------------------------------------------------------------------

  // The highlights: the article cut at every span boundary; each piece covered by spans is a
  // <mark> listing them ("record.span") and coloured by the record type of the shortest one.
  function renderArticle(doc) {
    const box = document.getElementById("article");
    box.replaceChildren();
    box.lang = doc.language || "";
    if (doc.article === null) {
      box.appendChild(el("p", "problem", doc.article_problem || "The article is not available."));
      return;
    }
    const text = doc.article;
    const units = unitIndex(text);
    const spans = [];
    doc.records.forEach((record, r) => record.spans.forEach((span, k) => {
      if (!span.valid) return;
      spans.push({
        start: units[span.start], end: units[span.end], token: r + "." + k,
        type: record.type, goldOnly: record.status === "missed",
      });
    }));
    const cuts = new Set([0, text.length]);
    spans.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
    const points = [...cuts].sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i], to = points[i + 1];
      const covering = spans.filter((s) => s.start <= from && s.end >= to);
      if (!covering.length) {
        fragment.appendChild(document.createTextNode(text.slice(from, to)));
        continue;
      }
      const mark = el("mark", "", text.slice(from, to));
      mark.dataset.spans = covering.map((s) => s.token).join(" ");
      const shortest = (list) => list.sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
      const predicted = shortest(covering.filter((s) => !s.goldOnly));
      if (predicted) mark.classList.add("t-" + predicted.type);
      const gold = covering.find((s) => s.goldOnly);
      if (gold) mark.classList.add("gold-only", "g-" + gold.type);
      fragment.appendChild(mark);
    }
    box.appendChild(fragment);
  }

  // A field is shown when it has a value or differs from gold; a wrong one shows gold → predicted.
  function fieldRow(tbody, fieldEntry) {
    const wrong = fieldEntry.score !== null && fieldEntry.score < 1;
    if (!wrong && fieldEntry.value === null) return;
    const row = tbody.insertRow();
    row.dataset.field = fieldEntry.name;
    cell(row, fieldEntry.name, "name");
    const value = cell(row, "");
    if (wrong) {
      row.className = "wrong";
      value.appendChild(el("span", "gold-value" + (fieldEntry.gold === null ? " absent" : ""), fieldEntry.gold === null ? "—" : fieldEntry.gold));
      value.appendChild(el("span", "arrow", " → "));
    }
    value.appendChild(el("span", "pred-value" + (fieldEntry.value === null ? " absent" : ""), fieldEntry.value === null ? "—" : fieldEntry.value));
    cell(row, wrong ? fieldEntry.score.toFixed(2) : "", "score-cell num");
  }

  function renderCard(record, r) {
    const card = el("div", "card type-" + record.type);
    card.dataset.record = String(r);
    card.dataset.type = record.type;
    card.dataset.id = record.id;
    card.dataset.status = record.status;
    if (record.gold_id) card.dataset.goldId = record.gold_id;
    const title = el("h3");
    const who = record.status === "missed" ? "gold " : "";
    const pairing = record.gold_id && record.status !== "missed" ? " ↔ gold " + record.gold_id : "";
    title.appendChild(el("span", "", who + SINGULAR[record.type] + " " + record.id + pairing));
    title.appendChild(el("span", "badge badge-" + record.status, STATUS_TEXT[record.status]));
    card.appendChild(title);
    const fields = el("table");
    const tbody = fields.createTBody();
    record.fields.forEach((f) => fieldRow(tbody, f));
    card.appendChild(fields);
    const evidence = el("div", "evidence");
    record.spans.forEach((span, k) => {
      const line = el("div", span.valid ? "" : "invalid",
        (span.valid ? "" : "not in the article at " + span.start + "–" + span.end + ": ") + "“" + span.text + "”");
      line.dataset.span = r + "." + k;
      evidence.appendChild(line);
    });
    if (!record.spans.length) evidence.appendChild(el("div", "invalid", "no evidence"));
    card.appendChild(evidence);
    card.addEventListener("click", () => selectRecord(r, "article"));
    return card;
  }

  function renderHead(doc) {
    const head = document.getElementById("document-head");
    head.replaceChildren();
    const facts = el("div", "facts");
    const title = el("h2", "", doc.id + " ");
    title.appendChild(statusBadge(doc.status));
    if (doc.scores) {
      title.appendChild(document.createTextNode(
        " headline " + fixed(doc.scores.headline) + " · " + doc.differences + " differences"));
    }
    facts.appendChild(title);
    [doc.reason, doc.article_problem, doc.run && doc.run.note].filter(Boolean)
      .forEach((fact) => facts.appendChild(el("div", "reason", fact)));
    head.appendChild(facts);
    if (doc.scores) {
      const rows = TYPES.map((kind) => {
        const s = doc.scores.by_type[kind];
        return [kind, fixed(s.precision), fixed(s.recall), fixed(s.quality_f1), s.gold, s.pred, s.matched];
      });
      const scores = table(["type", { num: "precision" }, { num: "recall" }, { num: "quality_f1" },
        { num: "gold" }, { num: "pred" }, { num: "matched" }], rows);
      scores.id = "document-scores";
      head.appendChild(scores);
    }
    if (doc.run) {
      const names = ["status", "seconds", "prompt_tokens", "completion_tokens", "calls", "cache_hits"];
      const run = table(names, [names.map((n) => doc.run[n] === undefined ? "—" : doc.run[n])]);
      run.id = "document-run";
      head.appendChild(run);
    }
  }

  function renderLegend() {
    const legend = document.getElementById("legend");
    TYPES.forEach((kind) => {
      const item = el("span");
      item.appendChild(el("mark", "swatch t-" + kind));
      item.appendChild(document.createTextNode(SINGULAR[kind]));
      legend.appendChild(item);
    });
    if (DATA.has_gold) {
      const item = el("span");
      item.appendChild(el("mark", "swatch gold-only", " "));
      item.appendChild(document.createTextNode("gold only (missed)"));
      legend.appendChild(item);
    }
  }

  function openDocument(id) {
    if (location.hash !== "#doc=" + encodeURIComponent(id)) {
      location.hash = "doc=" + encodeURIComponent(id);
    } else route();
  }

  function showDocument(doc) {
    state.current = doc;
    state.selected = -1;
    renderHead(doc);
    renderArticle(doc);
    const cards = document.getElementById("cards");
    cards.replaceChildren(...doc.records.map(renderCard));
    if (!doc.records.length) cards.appendChild(el("p", "absent", "No records."));
    const at = state.order.indexOf(doc);
    document.getElementById("position").textContent =
      at >= 0 ? "document " + (at + 1) + " of " + state.order.length : "not in the filtered list";
    document.getElementById("article").scrollTop = 0;
  }

  function selectRecord(r, scrollTo) {
    document.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
    document.querySelectorAll(".card.selected").forEach((c) => c.classList.remove("selected"));
    state.selected = r;
    const card = document.querySelector('.card[data-record="' + r + '"]');
    if (!card) return;
    card.classList.add("selected");
    const prefix = r + ".";
    const marks = [...document.querySelectorAll("#article mark")].filter((m) =>
      m.dataset.spans.split(" ").some((token) => token.startsWith(prefix)));
    marks.forEach((m) => m.classList.add("active"));
    if (scrollTo === "article" && marks.length) marks[0].scrollIntoView({ block: "center" });
    if (scrollTo === "card") card.scrollIntoView({ block: "nearest" });
  }

  // A click on a highlight selects its record; clicking again cycles through overlapping ones.
  function onArticleClick(event) {
    const mark = event.target.closest("mark");
    if (!mark) return;
    const records = [...new Set(mark.dataset.spans.split(" ").map((t) => Number(t.split(".")[0])))];
    const at = records.indexOf(state.selected);
    selectRecord(records[(at + 1) % records.length], "card");
  }

  function step(delta) {
    if (!state.order.length) return;
    const at = state.order.indexOf(state.current);
    const next = at < 0 ? 0 : Math.min(Math.max(at + delta, 0), state.order.length - 1);
    openDocument(state.order[next].id);
  }

  function stepDifference(delta) {
    const doc = state.current;
    const differences = doc.records.map((rec, r) => (DIFFERENT.has(rec.status) ? r : -1)).filter((r) => r >= 0);
    if (!differences.length) return;
    const later = delta > 0 ? differences.filter((r) => r > state.selected) : differences.filter((r) => r < state.selected).reverse();
    const target = later.length ? later[0] : (delta > 0 ? differences[0] : differences[differences.length - 1]);
    selectRecord(target, "article");
    document.querySelector('.card[data-record="' + target + '"]').scrollIntoView({ block: "nearest" });
  }

  function onKey(event) {
    if (event.target.closest && event.target.closest("select, input, textarea")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const inDocument = !document.getElementById("document-view").hidden;
    const actions = {
      n: () => step(1), p: () => step(-1),
      j: () => inDocument && stepDifference(1), k: () => inDocument && stepDifference(-1),
      Escape: () => { location.hash = ""; },
    };
    if (!inDocument && (event.key === "n" || event.key === "p")) {
      if (state.order.length) openDocument(state.order[0].id);
      return;
    }
    if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  }

  function route() {
    const match = /^#doc=(.*)$/.exec(location.hash);
    const doc = match ? byId.get(decodeURIComponent(match[1])) : undefined;
    document.getElementById("index-view").hidden = Boolean(doc);
    document.getElementById("document-view").hidden = !doc;
    if (doc) showDocument(doc);
  }

  function start() {
    const parsed = performance.now();
    renderIndex();
    renderLegend();
    document.getElementById("article").addEventListener("click", onArticleClick);
    document.getElementById("previous-document").addEventListener("click", () => step(-1));
    document.getElementById("next-document").addEventListener("click", () => step(1));
    document.getElementById("to-index").addEventListener("click", (e) => { e.preventDefault(); location.hash = ""; });
    document.addEventListener("keydown", onKey);
    window.addEventListener("hashchange", route);
    route();
    // Read by the tests and the timing script: when the page first became usable.
    window.reviewTimings = { parsed: parsed, firstRender: performance.now() };
    document.documentElement.dataset.rendered = "true";
  }

  start();
})();
