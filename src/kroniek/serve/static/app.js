// kroniek web app: map, timeline, filters, evidence. Plain JS, no network beyond this server.
"use strict";

const TYPES = ["ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "PROTEST", "SANCTION", "ACCUSE", "REJECT",
  "REQUEST", "RETREAT", "AID", "COOPERATE", "CONCEDE", "SUPPORT", "CONSULT", "AGREE"];
const COLORS = {
  ASSAULT: "#c0392b", COERCE: "#e67e22", MOBILIZE: "#8e44ad", THREATEN: "#d35400", PROTEST: "#f1c40f",
  SANCTION: "#7f8c8d", ACCUSE: "#a04000", REJECT: "#6c3483", REQUEST: "#2e86c1", RETREAT: "#16a085",
  AID: "#27ae60", COOPERATE: "#1abc9c", CONCEDE: "#5dade2", SUPPORT: "#58d68d", CONSULT: "#2874a6", AGREE: "#1e8449",
};
const W = 1000;              // map world width in SVG units (Web Mercator)
const SVGNS = "http://www.w3.org/2000/svg";
const state = { events: [], total: 0, brush: null, view: null, selected: null };
const $ = (sel) => document.querySelector(sel);

// ---------- helpers ----------
function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}
async function api(path, options) {
  const response = await fetch(path, options);
  if (!response.ok) {
    let detail = response.statusText;
    try { const body = await response.json(); detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail); } catch (e) { /* not JSON */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}
function filterParams(includeDates = true) {
  const form = new FormData($("#filters"));
  const params = new URLSearchParams();
  for (const [k, v] of form.entries()) if (String(v).trim()) params.append(k, String(v).trim());
  if (includeDates && state.brush) { params.set("from", state.brush[0]); params.set("to", state.brush[1]); }
  return params;
}
const badge = (type) => el("span", { class: "badge", style: `background:${COLORS[type] || "#555"}`, text: type });
function actorLabel(a) { return a ? (a.name || a.text) + (a.country ? ` (${a.country})` : "") : ""; }
function dateLabel(d) {
  if (!d) return "";
  if (!d.start) return d.text + " (unresolved)";
  return d.start === d.end || !d.end ? d.start : `${d.start} – ${d.end}`;
}

// ---------- projection and world map ----------
function project(lon, lat) {
  const clamped = Math.max(-85, Math.min(85, lat));
  const x = (lon + 180) / 360 * W;
  const y = W / 2 - W / (2 * Math.PI) * Math.log(Math.tan(Math.PI / 4 + clamped * Math.PI / 360));
  return [x, y];
}
function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale, [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
}
function ringPath(arcs, ring) {
  const points = [];
  for (const index of ring) {
    const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  let d = "", prev = null;
  for (const [lon, lat] of points) {
    const [x, y] = project(lon, lat);
    d += (prev === null || Math.abs(lon - prev) > 180 ? "M" : "L") + x.toFixed(1) + "," + y.toFixed(1);
    prev = lon;
  }
  return d + "Z";
}
async function drawWorld() {
  const topology = await api("/static/vendor/world-atlas/countries-50m.json");
  const arcs = decodeArcs(topology);
  const land = el("svg:g", { id: "land" });
  for (const geometry of topology.objects.countries.geometries) {
    const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    const d = polygons.map((polygon) => polygon.map((ring) => ringPath(arcs, ring)).join("")).join("");
    if (d) land.append(el("svg:path", { class: "land", d, "data-name": (geometry.properties || {}).name }));
  }
  $("#map").prepend(land);
}
function setView(view) {
  state.view = view;
  $("#map").setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  drawMarkers();
}
function fitView(points) {
  const svg = $("#map"), aspect = svg.clientHeight / Math.max(1, svg.clientWidth);
  if (!points.length) { setView({ x: 0, y: 80, w: W, h: W * aspect }); return; }
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  const pad = 25;
  let w = Math.max(60, Math.max(...xs) - Math.min(...xs) + 2 * pad);
  let h = Math.max(60 * aspect, Math.max(...ys) - Math.min(...ys) + 2 * pad);
  if (h / w > aspect) w = h / aspect; else h = w * aspect;
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  setView({ x: cx - w / 2, y: cy - h / 2, w, h });
}
function enablePanZoom() {
  const svg = $("#map");
  let drag = null;
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const v = state.view, rect = svg.getBoundingClientRect();
    const factor = ev.deltaY < 0 ? 0.8 : 1.25;
    const mx = v.x + (ev.clientX - rect.left) / rect.width * v.w, my = v.y + (ev.clientY - rect.top) / rect.height * v.h;
    setView({ x: mx - (mx - v.x) * factor, y: my - (my - v.y) * factor, w: v.w * factor, h: v.h * factor });
  }, { passive: false });
  svg.addEventListener("mousedown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, view: { ...state.view }, moved: false }; });
  window.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const dx = (ev.clientX - drag.x) / rect.width * drag.view.w, dy = (ev.clientY - drag.y) / rect.height * drag.view.h;
    if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3) { drag.moved = true; svg.classList.add("dragging"); }
    if (drag.moved) setView({ ...drag.view, x: drag.view.x - dx, y: drag.view.y - dy });
  });
  window.addEventListener("mouseup", () => { drag = null; svg.classList.remove("dragging"); });
}

// ---------- markers, clustered on a screen grid ----------
function drawMarkers() {
  const svg = $("#map");
  let layer = $("#markers");
  if (!layer) { layer = el("svg:g", { id: "markers" }); svg.append(layer); }
  layer.replaceChildren();
  if (!state.view) return;
  const unit = state.view.w / Math.max(1, svg.clientWidth); // SVG units per screen pixel
  const cell = 36 * unit;
  const groups = new Map();
  for (const event of state.events) {
    const loc = event.location;
    if (!loc || loc.lat === null || loc.lon === null || loc.lat === undefined) continue;
    const [x, y] = project(loc.lon, loc.lat);
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push({ event, x, y });
  }
  for (const members of groups.values()) {
    const x = members.reduce((s, m) => s + m.x, 0) / members.length, y = members.reduce((s, m) => s + m.y, 0) / members.length;
    const counts = {};
    for (const m of members) counts[m.event.type] = (counts[m.event.type] || 0) + 1;
    const dominant = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const r = (members.length > 1 ? 9 + Math.min(10, Math.log2(members.length) * 3) : 6) * unit;
    const places = new Set(members.map((m) => m.event.location.name));
    const title = members.length > 1 ? `${members.length} events: ${[...places].slice(0, 4).join(", ")}`
      : `${members[0].event.type} · ${members[0].event.location.name || members[0].event.location.text}`;
    const marker = el("svg:circle", {
      class: "marker", cx: x, cy: y, r, fill: COLORS[dominant] || "#555", "data-testid": "marker",
      "data-count": members.length, "data-type": dominant,
      onclick: (ev) => { ev.stopPropagation(); onMarker(members, places, x, y); },
    }, el("svg:title", { text: title }));
    layer.append(marker);
    if (members.length > 1) layer.append(el("svg:text", { class: "count", x, y, "font-size": 11 * unit, text: members.length }));
  }
}
function onMarker(members, places, x, y) {
  if (places.size > 1 && state.view.w > 8) {
    const w = state.view.w / 3, h = state.view.h / 3;
    setView({ x: x - w / 2, y: y - h / 2, w, h });
    return;
  }
  renderList(members.map((m) => m.event), `${members.length} event(s) at ${[...places].join(", ")}`);
  showDetail(members[0].event.event_id);
}
function drawLegend() {
  const present = [...new Set(state.events.map((e) => e.type))];
  $("#legend").replaceChildren(...TYPES.filter((t) => present.includes(t))
    .map((t) => el("span", { style: `--c:${COLORS[t]}`, text: t })));
}

// ---------- list and detail ----------
function renderList(events, heading) {
  $("#summary").textContent = heading;
  const list = $("#event-list");
  list.replaceChildren(...events.map((event) => el("li", {
    "data-testid": "event-item", "data-event-id": event.event_id,
    class: state.selected === event.event_id ? "selected" : null,
    onclick: () => showDetail(event.event_id),
  }, badge(event.type), " ",
  el("span", { class: "meta", text: [dateLabel(event.date), event.location && (event.location.name || event.location.text),
    event.modality !== "asserted" ? event.modality : null, event.negated ? "negated" : null].filter(Boolean).join(" · ") }),
  el("div", { class: "snippet", text: event.evidence.sentence.slice(0, 160) }))));
}
function highlights(record) {
  const marks = [];
  const add = (span, cls) => { if (span && span.length === 2) marks.push([span[0], span[1], cls]); };
  if (record.trigger) marks.push([record.trigger.start, record.trigger.end, "trigger"]);
  for (const a of record.actors || []) add(a.span, a.role === "recipient" ? "recipient" : "actor");
  if (record.location) add(record.location.span, "place");
  if (record.date) add(record.date.span, "date");
  if (record.fatalities) add(record.fatalities.span, "number");
  if (record.injured) add(record.injured.span, "number");
  if (record.attribution) add(record.attribution.span, "attribution");
  return marks;
}
// The evidence sentence with every field's words marked; `text` is the document text.
function evidenceNode(text, record, contextChars = 0) {
  const start = Math.max(0, record.evidence.start - contextChars), end = Math.min(text.length, record.evidence.end + contextChars);
  const classes = Array.from({ length: end - start }, () => new Set());
  for (const [s, e, cls] of highlights(record)) for (let i = Math.max(s, start); i < Math.min(e, end); i++) classes[i - start].add(cls);
  const node = el("div", { class: "evidence", "data-testid": "evidence" });
  let i = 0;
  const inEvidence = (k) => start + k >= record.evidence.start && start + k < record.evidence.end;
  while (i < classes.length) {
    let j = i + 1;
    const key = [...classes[i]].sort().join(" ");
    while (j < classes.length && [...classes[j]].sort().join(" ") === key && inEvidence(j) === inEvidence(i)) j++;
    const chunk = text.slice(start + i, start + j);
    const inside = inEvidence(i);
    node.append(key ? el("mark", { class: key, "data-testid": `mark-${key.split(" ")[0]}`, text: chunk })
      : inside ? document.createTextNode(chunk) : el("span", { class: "context", text: chunk }));
    i = j;
  }
  return node;
}
function fieldsTable(record) {
  const rows = [
    ["type", `${record.type}${record.mode ? " · " + record.mode : ""}`],
    ["ACLED", record.acled ? `${record.acled.event_type} · ${record.acled.sub_event_type}` : "—"],
    ["actor", (record.actors || []).filter((a) => a.role === "actor").map(actorLabel).join("; ") || "—"],
    ["recipient", (record.actors || []).filter((a) => a.role === "recipient").map(actorLabel).join("; ") || "—"],
    ["where", record.location ? `${record.location.name || record.location.text} (${record.location.precision}${record.location.country ? ", " + record.location.country : ""})` : "—"],
    ["when", record.date ? `${dateLabel(record.date)} (${record.date.precision}${record.date.ambiguous ? ", ambiguous" : ""})` : "—"],
    ["dead", record.fatalities ? `${record.fatalities.min ?? "?"}${record.fatalities.max && record.fatalities.max !== record.fatalities.min ? "–" + record.fatalities.max : ""}` : "—"],
    ["injured", record.injured ? `${record.injured.min ?? "?"}` : "—"],
    ["says who", record.attribution ? `${record.attribution.claimant ? actorLabel(record.attribution.claimant) : record.attribution.text}${record.attribution.verified === false ? " (not verified)" : record.attribution.verified ? " (verified)" : ""}` : "—"],
    ["modality", `${record.modality}${record.negated ? ", negated" : ""}`],
  ];
  return el("table", { class: "fields", "data-testid": "fields" },
    ...rows.map(([k, v]) => el("tr", { "data-field": k }, el("th", { text: k }), el("td", { text: v }))));
}
async function showDetail(eventId) {
  state.selected = eventId;
  document.querySelectorAll("#event-list li").forEach((li) => li.classList.toggle("selected", li.dataset.eventId === eventId));
  const record = await api(`/api/events/${encodeURIComponent(eventId)}`);
  const doc = await api(`/api/documents/${encodeURIComponent(record.doc_id)}`);
  const panel = $("#detail");
  panel.hidden = false;
  const others = record.other_reports || [];
  panel.replaceChildren(
    el("h2", {}, badge(record.type), " ", doc.title || "(untitled)"),
    el("div", { class: "meta", text: [doc.source, doc.date, doc.url].filter(Boolean).join(" · ") }),
    evidenceNode(doc.text, record, 200),
    fieldsTable(record),
    el("h3", { text: `Other reports of this event (${others.length})` }),
    el("ul", { class: "others", "data-testid": "other-reports" }, ...others.map((o) => el("li", {
      onclick: () => showDetail(o.event_id), text: `${o.source || "?"}: ${o.title || o.doc_id}${o.date ? " · " + o.date : ""}`,
    }))),
  );
}

// ---------- timeline with brushing ----------
async function drawTimeline() {
  const { items: all } = await api(`/api/timeline?${filterParams(false)}`);
  const svg = $("#timeline");
  svg.replaceChildren();
  const width = svg.clientWidth || 800, height = svg.clientHeight || 100, bottom = 14;
  const items = mainRange(all);
  const hidden = all.reduce((s, i) => s + i.events, 0) - items.reduce((s, i) => s + i.events, 0);
  $("#timeline-note").textContent = hidden ? `(${hidden} event(s) dated outside the range shown)` : "";
  if (!items.length) { svg.append(el("svg:text", { x: 10, y: 20, text: "no dated events" })); return; }
  const day = (s) => Date.parse(s + "T00:00:00Z") / 86400000;
  const first = day(items[0].date), last = day(items[items.length - 1].date);
  const span = Math.max(1, last - first + 1), max = Math.max(...items.map((i) => i.events));
  const bw = width / span;
  const xOf = (d) => (day(d) - first) * bw;
  for (const item of items) {
    const h = (height - bottom - 4) * item.events / max;
    const out = state.brush && (item.date < state.brush[0] || item.date > state.brush[1]);
    svg.append(el("svg:rect", { class: out ? "bar out" : "bar", x: xOf(item.date), y: height - bottom - h, width: Math.max(1, bw - 1), height: h,
      "data-testid": "bar", "data-date": item.date }, el("svg:title", { text: `${item.date}: ${item.events}` })));
  }
  svg.append(el("svg:text", { x: 2, y: height - 2, text: items[0].date }));
  svg.append(el("svg:text", { x: width - 62, y: height - 2, text: items[items.length - 1].date }));
  const dateAt = (px) => new Date((first + Math.max(0, Math.min(span - 1, Math.floor(px / bw)))) * 86400000).toISOString().slice(0, 10);
  let start = null, rect = null;
  svg.onmousedown = (ev) => {
    const x0 = ev.clientX - svg.getBoundingClientRect().left;
    start = x0;
    rect = el("svg:rect", { class: "brush", x: x0, y: 0, width: 1, height: height - bottom });
    svg.append(rect);
  };
  svg.onmousemove = (ev) => {
    if (start === null) return;
    const x = ev.clientX - svg.getBoundingClientRect().left;
    rect.setAttribute("x", Math.min(start, x));
    rect.setAttribute("width", Math.max(1, Math.abs(x - start)));
  };
  svg.onmouseup = (ev) => {
    if (start === null) return;
    const x = ev.clientX - svg.getBoundingClientRect().left;
    const a = dateAt(Math.min(start, x)), b = dateAt(Math.max(start, x));
    start = null;
    setBrush([a, b]);
  };
}
// The shortest run of days holding 90% of the dated events: a few far-off dates (a
// plan 'for 2050', a history note) would otherwise squeeze the rest into one pixel.
function mainRange(items) {
  const total = items.reduce((s, i) => s + i.events, 0);
  if (total < 50) return items;
  const day = (s) => Date.parse(s + "T00:00:00Z") / 86400000;
  const need = total * 0.9;
  let best = [0, items.length - 1], lo = 0, sum = 0;
  for (let hi = 0; hi < items.length; hi++) {
    sum += items[hi].events;
    while (sum - items[lo].events >= need) { sum -= items[lo].events; lo++; }
    if (sum >= need && day(items[hi].date) - day(items[lo].date) < day(items[best[1]].date) - day(items[best[0]].date)) best = [lo, hi];
  }
  return items.slice(best[0], best[1] + 1);
}
function setBrush(range) {
  state.brush = range;
  $("#brush-label").textContent = range ? `${range[0]} – ${range[1]}` : "";
  $("#clear-brush").hidden = !range;
  loadEvents(false);
  drawTimeline();
}

// ---------- loading ----------
async function loadEvents(refit = true) {
  const params = filterParams();
  params.set("limit", "500");
  try {
    const { items, total } = await api(`/api/events?${params}`);
    state.events = items;
    state.total = total;
    renderList(items, `${total} event(s)${total > items.length ? `, showing ${items.length}` : ""}`);
    drawLegend();
    if (refit) fitView(items.filter((e) => e.location && e.location.lat !== null && e.location.lat !== undefined)
      .map((e) => project(e.location.lon, e.location.lat)));
    else drawMarkers();
  } catch (err) {
    $("#summary").textContent = `Could not load events: ${err.message}`;
  }
}
async function loadChoices() {
  const typeSelect = $("#filters select[name=type]");
  for (const t of TYPES) typeSelect.append(el("option", { value: t, text: t }));
  const { items: sources } = await api("/api/sources");
  const sourceSelect = $("#filters select[name=source]");
  for (const s of sources) sourceSelect.append(el("option", { value: s.source, text: `${s.source} (${s.documents})` }));
  const { items: actors } = await api("/api/actors?limit=200");
  $("#actor-list").replaceChildren(...actors.map((a) => el("option", { value: a.name })));
}

// ---------- upload ----------
async function runUpload() {
  const form = new FormData($("#upload-form"));
  const body = { text: String(form.get("text") || "") };
  for (const key of ["date", "lang"]) if (String(form.get(key) || "").trim()) body[key] = String(form.get(key)).trim();
  $("#upload-error").textContent = "";
  const list = $("#upload-results");
  list.replaceChildren(el("li", { text: "extracting…" }));
  try {
    const result = await api("/api/extract", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    list.replaceChildren(...(result.events.length ? result.events.map((record) => el("li", { "data-testid": "upload-event" },
      badge(record.type), " ", el("span", { class: "meta", text: [actorLabel((record.actors || [])[0]), record.location && record.location.name, dateLabel(record.date)].filter(Boolean).join(" · ") }),
      evidenceNode(result.text, record))) : [el("li", { text: "no events found" })]));
  } catch (err) {
    list.replaceChildren();
    $("#upload-error").textContent = err.message;
  }
}

// ---------- start ----------
window.addEventListener("DOMContentLoaded", async () => {
  enablePanZoom();
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); loadEvents(); drawTimeline(); });
  $("#reset").addEventListener("click", () => { $("#filters").reset(); state.brush = null; setBrush(null); loadEvents(); });
  $("#clear-brush").addEventListener("click", () => setBrush(null));
  $("#open-upload").addEventListener("click", () => $("#upload").showModal());
  $("#upload-run").addEventListener("click", runUpload);
  window.addEventListener("resize", () => { drawMarkers(); drawTimeline(); });
  await Promise.all([drawWorld(), loadChoices()]);
  await loadEvents();
  await drawTimeline();
  document.body.dataset.ready = "true";
});
