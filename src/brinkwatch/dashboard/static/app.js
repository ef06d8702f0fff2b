// brinkwatch dashboard: vanilla JS + SVG over the read-only JSON API.
//
// Safety rule for this file: text that comes from articles (titles, sentences, quotes, names)
// is only ever put into the page as Text nodes (el()/svg() children, textContent). Nothing here
// uses innerHTML, insertAdjacentHTML, document.write or on* attributes, so markup inside an
// article ("<script>", "<img onerror=...>") shows as the literal characters it is.
"use strict";

(() => {
  const SVG_NS = "http://www.w3.org/2000/svg";

  // ---------------------------------------------------------------- DOM helpers

  /** Set attributes; event-handler attributes are refused so data can never become code. */
  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (/^on/i.test(key)) throw new Error(`refusing to set event attribute ${key}`);
      node.setAttribute(key, String(value));
    }
    return node;
  }

  /** An HTML element; string children become Text nodes (Element.append does that). */
  function el(tag, attrs, ...children) {
    return appendAll(setAttrs(document.createElement(tag), attrs), children);
  }

  /** An SVG element with the same rules as el(). */
  function svg(tag, attrs, ...children) {
    return appendAll(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
  }

  function appendAll(node, children) {
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** A <title> tooltip for an SVG shape, as text. */
  function tip(text) {
    return svg("title", {}, text);
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let detail = "";
      try {
        detail = (await response.json()).detail || "";
      } catch (_ignored) {
        detail = response.statusText;
      }
      throw new Error(`${url} answered ${response.status}: ${detail}`);
    }
    return response.json();
  }

  function setStatus(message, isError) {
    const node = document.getElementById("status");
    node.textContent = message;
    node.classList.toggle("error", Boolean(isError));
  }

  function fail(where, error) {
    setStatus(`${where}: ${error.message}`, true);
    console.error(where, error);
  }

  function fmt(value, digits = 1) {
    return Number.isFinite(value) ? value.toFixed(digits).replace(/\.0+$/, "") : "–";
  }

  /** Green (cooperative) to red (conflictual) for a conflict share in 0..1. */
  function shareColour(share) {
    const s = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0.5));
    return `hsl(${Math.round(130 * (1 - s))}, 62%, 42%)`;
  }

  function actorLabel(code, name, text) {
    if (name && code && name !== code) return `${name} (${code})`;
    return code || name || text || "?";
  }

  // ---------------------------------------------------------------- article view

  const Article = {
    async open(articleId, hint = {}) {
      const view = document.getElementById("article-view");
      view.replaceChildren(el("p", { class: "hint" }, "Loading article…"));
      let record;
      try {
        record = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
      } catch (error) {
        view.replaceChildren(el("p", { class: "hint" }, `Could not load the article: ${error.message}`));
        return;
      }
      const event = hint.eventId ? record.events.find((e) => e.id === hint.eventId) : null;
      view.replaceChildren(...Article.render(record, hint, event));
      Article.scrollToEvidence(view);
      history.replaceState(null, "", Article.hashFor(articleId, hint.eventId));
    },

    hashFor(articleId, eventId) {
      const params = new URLSearchParams({ article: articleId });
      if (eventId) params.set("event", eventId);
      return `#${params.toString()}`;
    },

    render(record, hint, event) {
      const a = record.article;
      const meta = [a.published, a.agency, (a.authors || []).join(", ")].filter(Boolean);
      const parts = [el("h3", { id: "article-title" }, a.title || "(untitled)")];
      parts.push(el("p", { class: "meta" }, meta.join(" · ") || "no date or byline"));
      if (event) parts.push(Article.eventSummary(event));
      const sentence = hint.sentence || (event && event.sentence);
      const span = event ? [event.start, event.end] : Article.hintSpan(hint);
      const sent = Article.locate(a.text, sentence, span) || span;
      const trig = event && event.trigger ? [event.trigger.start, event.trigger.end] : null;
      parts.push(Article.highlighted(a.text, sent, trig));
      if (a.url) parts.push(el("p", { class: "meta" }, `Source: ${a.url}`));
      return parts;
    },

    hintSpan(hint) {
      return Number.isInteger(hint.start) && Number.isInteger(hint.end) ? [hint.start, hint.end] : null;
    },

    eventSummary(ev) {
      const src = ev.source ? actorLabel(ev.source.country || ev.source.org, ev.source.name, ev.source.text) : "?";
      const tgt = ev.target ? actorLabel(ev.target.country || ev.target.org, ev.target.name, ev.target.text) : "?";
      const flags = ["negated", "future", "hypothetical", "historical"].filter((f) => ev[f]);
      const line = `${ev.type} · ${src} → ${tgt} · CAMEO ${ev.cameo || "–"} · Goldstein ${fmt(ev.goldstein)}`
        + (flags.length ? ` · ${flags.join(", ")}` : "") + ` · confidence ${fmt(ev.confidence, 2)}`;
      return el("p", { class: "meta", id: "article-event" }, line);
    },

    /** Where the evidence sentence sits: the occurrence of its text that holds the event span. */
    locate(text, sentence, span) {
      const needle = (sentence || "").trim();
      if (!needle) return null;
      let first = null;
      for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
        const range = [i, i + needle.length];
        if (!span || (range[0] <= span[0] && span[0] < range[1])) return range;
        first = first || range;
      }
      return first;
    },

    /** The article text as Text nodes, with the sentence (and its trigger) in <mark>s. */
    highlighted(text, sent, trig) {
      const box = el("div", { class: "article-text", id: "article-text" });
      if (!sent) {
        box.append(text);
        return box;
      }
      const [s, e] = sent;
      const mark = el("mark", { class: "evidence", id: "evidence" });
      if (trig && trig[0] >= s && trig[1] <= e && trig[0] < trig[1]) {
        mark.append(text.slice(s, trig[0]), el("mark", { class: "trigger" }, text.slice(trig[0], trig[1])),
          text.slice(trig[1], e));
      } else {
        mark.append(text.slice(s, e));
      }
      box.append(text.slice(0, s), mark, text.slice(e));
      return box;
    },

    scrollToEvidence(view) {
      const mark = view.querySelector("#evidence");
      if (mark) view.scrollTop = Math.max(0, mark.offsetTop - 60);
    },

    fromHash() {
      const params = new URLSearchParams(location.hash.slice(1));
      const id = params.get("article");
      if (id) Article.open(id, { eventId: params.get("event") || undefined });
    },
  };

  // ---------------------------------------------------------------- timeline

  const Timeline = {
    W: 960, H: 300, M: { l: 46, r: 56, t: 26, b: 36 },
    request: 0,

    async fillDyads() {
      const dyads = await getJSON("/api/dyads?n=30");
      const select = document.getElementById("dyad-select");
      select.replaceChildren(...dyads.map((d) => el("option", { value: `${d.a}|${d.b}` },
        `${d.a} – ${d.b} (${d.events} events, Goldstein ${fmt(d.goldstein_sum)})`)));
      return dyads;
    },

    /** "USA,NATO vs RUS" -> ["USA,NATO", "RUS"], or null when it is not two code lists. */
    parse(input) {
      const m = /^\s*(.+?)\s+(?:vs\.?|v\.?|versus|–|-|\/)\s+(.+?)\s*$/i.exec(input || "");
      if (!m) return null;
      const side = (s) => s.toUpperCase().split(",").map((p) => p.trim()).filter(Boolean).join(",");
      const a = side(m[1]);
      const b = side(m[2]);
      const ok = (s) => /^[A-Z0-9_]+(,[A-Z0-9_]+)*$/.test(s);
      return ok(a) && ok(b) ? [a, b] : null;
    },

    async load(a, b) {
      const ticket = ++Timeline.request;  // a slower, older answer must not overwrite a newer one
      const url = `/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline`;
      const data = await getJSON(url);
      if (ticket !== Timeline.request) return;
      Timeline.draw(data);
      document.getElementById("alert-drivers").replaceChildren();
    },

    draw(data) {
      const chart = document.getElementById("timeline-chart");
      chart.setAttribute("data-dyad", `${data.a}|${data.b}`);
      const points = data.points || [];
      const geo = Timeline.geometry(points);
      chart.replaceChildren(
        ...Timeline.axes(geo, points),
        ...Timeline.bars(geo, points),
        svg("path", { id: "index-line", d: Timeline.linePath(geo, points) }),
        ...Timeline.markers(geo, data.alerts || []),
      );
      if (!points.length) {
        chart.append(svg("text", { class: "empty-note", x: Timeline.W / 2, y: Timeline.H / 2,
          "text-anchor": "middle" }, `No events between ${data.a} and ${data.b} in the store.`));
      }
    },

    geometry(points) {
      const { W, H, M } = Timeline;
      const n = Math.max(points.length, 1);
      const band = (W - M.l - M.r) / n;
      // Both series are drawn around one shared zero line: each axis is symmetric.
      const idxMax = Math.max(1, ...points.map((p) => Math.abs(p.index)));
      const gsMax = Math.max(1, ...points.map((p) => Math.abs(p.goldstein_sum)));
      const mid = M.t + (H - M.t - M.b) / 2;
      const half = (H - M.t - M.b) / 2;
      return {
        band, mid, half, idxMax, gsMax,
        x: (i) => M.l + (i + 0.5) * band,
        yIdx: (v) => mid - (v / idxMax) * half,
        yGs: (v) => mid - (v / gsMax) * half,
        dayIndex: new Map(points.map((p, i) => [p.day, i])),
      };
    },

    axes(geo, points) {
      const { W, H, M } = Timeline;
      const out = [];
      for (const f of [-1, -0.5, 0, 0.5, 1]) {
        const y = geo.mid - f * geo.half;
        out.push(svg("line", { class: f === 0 ? "zero" : "gridline", x1: M.l, x2: W - M.r, y1: y, y2: y }));
        out.push(svg("text", { class: "tick", x: M.l - 6, y: y + 4, "text-anchor": "end" }, fmt(f * geo.idxMax)));
        out.push(svg("text", { class: "tick", x: W - M.r + 6, y: y + 4 }, fmt(f * geo.gsMax)));
      }
      const step = Math.max(1, Math.ceil(points.length / 12));
      points.forEach((p, i) => {
        if (i % step) return;
        out.push(svg("text", { class: "tick", x: geo.x(i), y: H - M.b + 16, "text-anchor": "middle" },
          String(p.day).slice(5)));
      });
      out.push(svg("text", { class: "tick", x: 4, y: 10 }, "index"));
      out.push(svg("text", { class: "tick", x: W - 4, y: 10, "text-anchor": "end" }, "Goldstein"));
      return out;
    },

    bars(geo, points) {
      const w = Math.max(1, geo.band * 0.6);
      return points.filter((p) => p.goldstein_sum).map((p) => {
        const i = geo.dayIndex.get(p.day);
        const y = geo.yGs(p.goldstein_sum);
        return svg("rect", {
          class: `gs-bar ${p.goldstein_sum > 0 ? "pos" : "neg"}`, x: geo.x(i) - w / 2,
          y: Math.min(y, geo.mid), width: w, height: Math.abs(geo.mid - y),
        }, tip(`${p.day}: ${p.events} events, Goldstein sum ${fmt(p.goldstein_sum)}`));
      });
    },

    linePath(geo, points) {
      return points.map((p, i) => `${i ? "L" : "M"}${geo.x(i).toFixed(1)},${geo.yIdx(p.index).toFixed(1)}`)
        .join("");
    },

    markers(geo, alerts) {
      return alerts.filter((a) => geo.dayIndex.has(a.day)).map((a) => {
        const marker = svg("circle", {
          class: "alert-marker", r: 7, cx: geo.x(geo.dayIndex.get(a.day)), cy: geo.yIdx(a.index),
          "data-day": a.day, tabindex: 0, role: "button",
        }, tip(`Alert ${a.day}: index ${fmt(a.index)}, z ${fmt(a.z, 2)} — click for drivers`));
        const show = () => Timeline.showDrivers(a, marker);
        marker.addEventListener("click", show);
        marker.addEventListener("keydown", (e) => { if (e.key === "Enter") show(); });
        return marker;
      });
    },

    showDrivers(alert, marker) {
      for (const m of document.querySelectorAll(".alert-marker.active")) m.classList.remove("active");
      marker.classList.add("active");
      const box = document.getElementById("alert-drivers");
      const heading = `Alert on ${alert.day} (${alert.dyad}): index ${fmt(alert.index)} against a `
        + `baseline of ${fmt(alert.baseline_mean, 2)}, z = ${fmt(alert.z, 2)}`;
      const items = (alert.drivers || []).map((d) => el("li", {},
        el("strong", {}, `${d.type} ${d.source_code || "?"} → ${d.target_code || "?"}`),
        ` (${d.first_day}${d.last_day && d.last_day !== d.first_day ? ` to ${d.last_day}` : ""}, `
          + `${d.mentions} mention${d.mentions === 1 ? "" : "s"}, contribution ${fmt(d.contribution)}): `,
        openLink(d.sentence.trim(), d.article_id, { sentence: d.sentence })));
      box.replaceChildren(el("h3", {}, heading),
        items.length ? el("ul", { id: "driver-list" }, ...items) : el("p", {}, "No driving events recorded."));
    },

    bind() {
      const select = document.getElementById("dyad-select");
      select.addEventListener("change", () => {
        const [a, b] = select.value.split("|");
        Timeline.load(a, b).catch((e) => fail("timeline", e));
      });
      document.getElementById("dyad-form").addEventListener("submit", (e) => {
        e.preventDefault();
        const input = document.getElementById("dyad-input").value;
        const pair = Timeline.parse(input);
        if (!pair) {
          setStatus(`"${input}" is not a dyad; write it as A vs B, e.g. USA,NATO vs RUS`, true);
          return;
        }
        setStatus(`Dyad ${pair[0]} vs ${pair[1]}`);
        // Show the list entry when the typed pair is one of them, else no entry (not a stale one).
        const listed = [...select.options].findIndex((o) => o.value === `${pair[0]}|${pair[1]}`);
        select.selectedIndex = listed;
        Timeline.load(pair[0], pair[1]).catch((err) => fail("timeline", err));
      });
    },
  };

  /** A clickable text that opens an article with some evidence highlighted. */
  function openLink(text, articleId, hint) {
    const link = el("span", { class: "linkish", role: "link", tabindex: 0 }, text);
    const go = () => Article.open(articleId, hint);
    link.addEventListener("click", go);
    link.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
    return link;
  }

  // ---------------------------------------------------------------- map

  const WorldMap = {
    EXTENTS: {
      europe: { lon: [-25, 62], lat: [33, 72], parallel: 50 },
      world: { lon: [-180, 180], lat: [-58, 84], parallel: 0 },
    },
    W: 600, H: 400,
    data: { topo: null, countries: {}, events: [], deployments: [] },

    async load(events) {
      const [topo, countries, deployments] = await Promise.all([
        getJSON("/static/vendor/countries-110m.json"),
        getJSON("/static/data/countries.json"),
        getJSON("/api/deployments"),
      ]);
      Object.assign(WorldMap.data, { topo, countries, events, deployments });
      WorldMap.draw();
    },

    extent() {
      const checked = document.querySelector('input[name="map-extent"]:checked');
      return WorldMap.EXTENTS[checked ? checked.value : "europe"];
    },

    /** Equirectangular projection with a standard parallel, fitted into the viewBox. */
    projection(ext) {
      const cos = Math.cos((ext.parallel * Math.PI) / 180);
      const k = Math.min(WorldMap.W / ((ext.lon[1] - ext.lon[0]) * cos), WorldMap.H / (ext.lat[1] - ext.lat[0]));
      const ox = (WorldMap.W - (ext.lon[1] - ext.lon[0]) * cos * k) / 2;
      const oy = (WorldMap.H - (ext.lat[1] - ext.lat[0]) * k) / 2;
      return ([lon, lat]) => [ox + (lon - ext.lon[0]) * cos * k, oy + (ext.lat[1] - lat) * k];
    },

    draw() {
      const map = document.getElementById("map");
      const { topo, countries } = WorldMap.data;
      if (!topo || !window.topojson) return;
      const project = WorldMap.projection(WorldMap.extent());
      const byNumeric = new Map(Object.entries(countries).map(([iso3, c]) => [c.numeric, iso3]));
      const active = new Set(WorldMap.data.events.map((e) => e.place_country).filter(Boolean));
      const features = window.topojson.feature(topo, topo.objects.countries).features;
      const shapes = features.map((f) => {
        const iso3 = byNumeric.get(f.id);
        return svg("path", { class: `country${active.has(iso3) ? " has-events" : ""}`,
          d: WorldMap.geometryPath(f.geometry, project), "data-iso3": iso3 || "" },
        tip(f.properties && f.properties.name ? f.properties.name : iso3 || ""));
      });
      map.replaceChildren(WorldMap.arrowhead(), ...shapes, ...WorldMap.arrows(project),
        ...WorldMap.dots(project));
    },

    geometryPath(geometry, project) {
      if (!geometry) return "";
      const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
      return polygons.flat().map((ring) => WorldMap.ringPath(ring, project)).join("");
    },

    /** A ring crossing the antimeridian is unwrapped (longitudes kept continuous) instead of
     *  being drawn as a stripe across the whole map; the part beyond 180° is clipped. */
    ringPath(ring, project) {
      let prev = null;
      let shift = 0;
      return ring.map(([lon, lat], i) => {
        if (prev !== null && Math.abs(lon + shift - prev) > 180) shift += prev > lon + shift ? 360 : -360;
        prev = lon + shift;
        const [x, y] = project([lon + shift, lat]);
        return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
      }).join("") + "Z";
    },

    arrowhead() {
      return svg("defs", {}, svg("marker", { id: "arrowhead", viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, svg("path", { d: "M0,0L10,5L0,10Z" })));
    },

    /** Events grouped by place: one dot per coordinate pair. */
    placeGroups() {
      const groups = new Map();
      for (const e of WorldMap.data.events) {
        if (e.place_lat === null || e.place_lon === null) continue;
        const key = `${e.place_lat.toFixed(2)},${e.place_lon.toFixed(2)}`;
        if (!groups.has(key)) groups.set(key, { lat: e.place_lat, lon: e.place_lon, name: e.place_name, events: [] });
        groups.get(key).events.push(e);
      }
      return [...groups.values()].sort((a, b) => b.events.length - a.events.length);
    },

    dots(project) {
      return WorldMap.placeGroups().map((g) => {
        const [x, y] = project([g.lon, g.lat]);
        const conflict = g.events.filter((e) => e.quad_class >= 3).length / g.events.length;
        const dot = svg("circle", { class: "event-dot", cx: x, cy: y, r: 3 + 2.2 * Math.sqrt(g.events.length),
          fill: shareColour(conflict), "data-place": g.name || "" },
        tip(`${g.name}: ${g.events.length} event${g.events.length === 1 ? "" : "s"}`));
        dot.addEventListener("click", () => WorldMap.showPlace(g));
        return dot;
      });
    },

    showPlace(group) {
      const items = group.events.slice(0, 40).map((e) => el("li", {},
        el("strong", {}, `${e.day || "undated"} ${e.type} `),
        `${e.source_code || "?"} → ${e.target_code || "?"}: `,
        openLink(e.sentence.trim(), e.article_id, { eventId: e.id, sentence: e.sentence })));
      document.getElementById("map-detail").replaceChildren(
        el("h3", {}, `${group.name} — ${group.events.length} event(s)`), el("ul", {}, ...items));
    },

    /** Where a deployment starts: its stated origin if it names a state, else the actor's capital. */
    origin(d) {
      const { countries } = WorldMap.data;
      const named = d.from && Object.values(countries).find((c) => c.name.toLowerCase() === d.from.toLowerCase());
      if (named && named.point) return { point: named.point, label: d.from };
      const home = d.actor && countries[d.actor];
      return home && home.point ? { point: home.point, label: `${home.capital} (home)` } : null;
    },

    arrowGroups() {
      const groups = new Map();
      for (const d of WorldMap.data.deployments) {
        if (d.lat === null || d.lon === null) continue;
        const origin = WorldMap.origin(d);
        if (!origin) continue;
        const key = `${origin.point}|${d.lat},${d.lon}|${d.future}|${d.type}`;
        if (!groups.has(key)) groups.set(key, { origin, to: [d.lon, d.lat], rows: [] });
        groups.get(key).rows.push(d);
      }
      return [...groups.values()];
    },

    arrows(project) {
      return WorldMap.arrowGroups().map((g) => {
        const [x1, y1] = project(g.origin.point);
        const [x2, y2] = project(g.to);
        const bend = 0.18;  // a gentle curve, so arrows sharing endpoints stay apart from lines
        const cx = (x1 + x2) / 2 - (y2 - y1) * bend;
        const cy = (y1 + y2) / 2 + (x2 - x1) * bend;
        const first = g.rows[0];
        const path = svg("path", {
          class: `deploy-arrow${first.future ? " future" : ""}`, "marker-end": "url(#arrowhead)",
          d: `M${x1.toFixed(1)},${y1.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`,
          "stroke-width": 1.4 + Math.sqrt(g.rows.length),
        }, tip(`${first.type} ${first.actor_name || first.actor || "?"}: ${g.origin.label} → ${first.to}`
          + ` (${g.rows.length} report${g.rows.length === 1 ? "" : "s"}${first.future ? ", announced" : ""})`));
        path.addEventListener("click", () => WorldMap.showDeployments(g));
        return path;
      });
    },

    showDeployments(group) {
      const items = group.rows.map((d) => el("li", {},
        el("strong", {}, `${d.day || "undated"} ${d.type} ${d.actor || "?"}`),
        d.quantity ? ` ${fmt(d.quantity, 0)} ${d.unit || ""}` : "", " — ",
        openLink(d.evidence.trim(), d.article_id, { sentence: d.evidence })));
      document.getElementById("map-detail").replaceChildren(
        el("h3", {}, `Deployments ${group.origin.label} → ${group.rows[0].to}`), el("ul", {}, ...items));
    },

    bind() {
      for (const radio of document.querySelectorAll('input[name="map-extent"]')) {
        radio.addEventListener("change", () => WorldMap.draw());
      }
    },
  };

  // ---------------------------------------------------------------- network

  const Network = {
    W: 600, H: 420,

    async load() {
      const data = await getJSON("/api/network");
      Network.draw(data);
    },

    /** Circle slot of the k-th busiest node: stepping round the circle by a stride coprime with
     *  the node count spreads the busy actors out, instead of crowding them side by side. */
    slot(k, n) {
      const gcd = (a, b) => (b ? gcd(b, a % b) : a);
      let stride = Math.max(1, Math.round(n * 0.38));
      while (n > 1 && gcd(stride, n) !== 1) stride += 1;
      return (k * stride) % Math.max(n, 1);
    },

    layout(nodes) {
      const cx = Network.W / 2;
      const cy = Network.H / 2;
      const radius = Math.min(cx, cy) - 48;
      return new Map(nodes.map((n, k) => {
        const i = Network.slot(k, nodes.length);
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(nodes.length, 1);
        return [n.id, { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle), angle }];
      }));
    },

    draw(data) {
      const root = document.getElementById("network");
      const nodes = [...data.nodes].sort((a, b) => b.events - a.events);
      const pos = Network.layout(nodes);
      const defs = svg("defs", {}, svg("marker", { id: "net-arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
        markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, svg("path", { d: "M0,0L10,5L0,10Z", fill: "#4a5568" })));
      const edges = data.edges.filter((e) => pos.has(e.source) && pos.has(e.target))
        .map((e) => Network.edge(e, pos, Network.nodeRadius(nodes.find((n) => n.id === e.target))));
      root.replaceChildren(defs, ...edges, ...nodes.map((n) => Network.node(n, pos.get(n.id))));
      if (!nodes.length) root.append(svg("text", { class: "empty-note", x: 300, y: 210, "text-anchor": "middle" },
        "No actors with events yet."));
    },

    nodeRadius(node) {
      return node ? 6 + 2.2 * Math.sqrt(node.events) : 6;
    },

    edge(e, pos, targetRadius) {
      const a = pos.get(e.source);
      const b = pos.get(e.target);
      // Curve to the right of the direction of travel, so A→B and B→A are two visible lines.
      const mx = (a.x + b.x) / 2 + (b.y - a.y) * 0.15;
      const my = (a.y + b.y) / 2 - (b.x - a.x) * 0.15;
      const dx = b.x - mx;
      const dy = b.y - my;
      const len = Math.hypot(dx, dy) || 1;
      const ex = b.x - (dx / len) * (targetRadius + 2);
      const ey = b.y - (dy / len) * (targetRadius + 2);
      const share = e.conflict / Math.max(1, e.conflict + e.cooperation);
      return svg("path", {
        class: "edge", d: `M${a.x.toFixed(1)},${a.y.toFixed(1)}Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
        stroke: shareColour(share), "stroke-width": (0.8 + 1.1 * Math.sqrt(e.events)).toFixed(2),
        "marker-end": "url(#net-arrow)", "data-edge": `${e.source}>${e.target}`,
      }, tip(`${e.source} → ${e.target}: ${e.events} events (${e.conflict} conflict, ${e.cooperation} `
        + `cooperation), Goldstein sum ${fmt(e.goldstein_sum)}`));
    },

    node(n, p) {
      const r = Network.nodeRadius(n);
      const lx = p.x + Math.cos(p.angle) * (r + 12);
      const ly = p.y + Math.sin(p.angle) * (r + 12) + 4;
      const anchor = Math.abs(Math.cos(p.angle)) < 0.3 ? "middle" : Math.cos(p.angle) > 0 ? "start" : "end";
      const g = svg("g", { class: "node", "data-id": n.id, tabindex: 0, role: "button" },
        svg("circle", { cx: p.x, cy: p.y, r }),
        svg("text", { x: lx, y: ly, "text-anchor": anchor }, n.id),
        tip(`${n.id}: ${n.events} events — click to list them`));
      g.addEventListener("click", () => Events.filterActor(n.id));
      return g;
    },
  };

  // ---------------------------------------------------------------- event table

  const Events = {
    limit: 50,
    offset: 0,
    request: 0,

    fillTypes(allEvents) {
      const types = [...new Set(allEvents.map((e) => e.type))].sort();
      document.getElementById("filter-type").append(...types.map((t) => el("option", { value: t }, t)));
    },

    query() {
      const params = new URLSearchParams({ limit: Events.limit, offset: Events.offset });
      const fields = { type: "filter-type", actor: "filter-actor", since: "filter-since", until: "filter-until" };
      for (const [name, id] of Object.entries(fields)) {
        const value = document.getElementById(id).value.trim();
        if (value) params.set(name, name === "actor" ? value.toUpperCase() : value);
      }
      return params;
    },

    async load() {
      const ticket = ++Events.request;
      const data = await getJSON(`/api/events?${Events.query()}`);
      if (ticket !== Events.request) return;
      const body = document.querySelector("#events-table tbody");
      body.replaceChildren(...data.events.map(Events.row));
      if (!data.events.length) {
        body.append(el("tr", {}, el("td", { colspan: 6, class: "hint" }, "No events match these filters.")));
      }
      const first = data.events.length ? Events.offset + 1 : 0;
      document.getElementById("events-page").textContent = `${first}–${Events.offset + data.events.length}`;
      document.getElementById("events-prev").disabled = Events.offset === 0;
      document.getElementById("events-next").disabled = data.events.length < Events.limit;
    },

    row(e) {
      const tr = el("tr", { "data-event-id": e.id, tabindex: 0, title: (e.sentence || "").trim() },
        el("td", {}, e.day || "–"),
        el("td", { class: `type q${e.quad_class}` }, e.type + (e.negated ? " (negated)" : "")),
        el("td", {}, actorLabel(e.source_code, null, e.source_text)),
        el("td", {}, actorLabel(e.target_code, null, e.target_text)),
        el("td", {}, e.trigger_text || ""),
        el("td", { class: "title" }, e.article_title || ""));
      const open = () => {
        for (const r of document.querySelectorAll("#events-table tr.selected")) r.classList.remove("selected");
        tr.classList.add("selected");
        Article.open(e.article_id, { eventId: e.id, sentence: e.sentence, start: e.start, end: e.end });
      };
      tr.addEventListener("click", open);
      tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
      return tr;
    },

    filterActor(code) {
      document.getElementById("filter-actor").value = code;
      Events.offset = 0;
      Events.load().catch((e) => fail("events", e));
      document.getElementById("panel-events").scrollIntoView({ behavior: "smooth", block: "start" });
    },

    bind() {
      const reload = () => Events.load().catch((e) => fail("events", e));
      document.getElementById("event-filters").addEventListener("submit", (e) => {
        e.preventDefault();
        Events.offset = 0;
        reload();
      });
      document.getElementById("filter-clear").addEventListener("click", () => {
        document.getElementById("event-filters").reset();
        Events.offset = 0;
        reload();
      });
      document.getElementById("events-prev").addEventListener("click", () => {
        Events.offset = Math.max(0, Events.offset - Events.limit);
        reload();
      });
      document.getElementById("events-next").addEventListener("click", () => {
        Events.offset += Events.limit;
        reload();
      });
    },
  };

  // ---------------------------------------------------------------- quotes

  const Quotes = {
    async load() {
      const quotes = await getJSON("/api/quotes?limit=5000");
      const groups = Quotes.group(quotes);
      const box = document.getElementById("quotes");
      box.replaceChildren(...groups.map((g, i) => Quotes.groupBox(g, i < 3)));
      if (!groups.length) box.append(el("p", { class: "hint" }, "No quotes in the store."));
      return quotes.length;
    },

    speaker(q) {
      const who = q.speaker_name || q.speaker_text || "(speaker not found)";
      const affiliation = [q.speaker_role, q.speaker_country || q.speaker_org].filter(Boolean).join(", ");
      return affiliation ? `${who} — ${affiliation}` : who;
    },

    group(quotes) {
      const groups = new Map();
      for (const q of quotes) {
        const key = Quotes.speaker(q);
        if (!groups.has(key)) groups.set(key, { speaker: key, quotes: [] });
        groups.get(key).quotes.push(q);
      }
      return [...groups.values()].sort((a, b) => b.quotes.length - a.quotes.length
        || a.speaker.localeCompare(b.speaker));
    },

    groupBox(group, open) {
      const box = el("details", { open: open ? "" : null },
        el("summary", {}, group.speaker, el("span", { class: "count" }, ` (${group.quotes.length})`)));
      for (const q of group.quotes) {
        const text = q.direct ? `“${q.text}”` : q.text;
        box.append(el("div", { class: "quote" },
          el("div", { class: "qtext" }, openLink(text, q.article_id, { sentence: q.text })),
          el("div", { class: "qmeta" },
            [q.direct ? "direct" : "reported", q.cue, q.published, q.article_title].filter(Boolean).join(" · "))));
      }
      return box;
    },
  };

  // ---------------------------------------------------------------- claims

  const Claims = {
    async load() {
      const answered = document.getElementById("claims-answered").checked;
      const pairs = await getJSON(`/api/claims?answered=${answered}`);
      const box = document.getElementById("claims");
      const head = el("div", { class: "claim-head" }, el("span", {}, "Claim"), el("span", {}, "Denial or rejection"));
      box.replaceChildren(head, ...pairs.map(Claims.row));
      if (!pairs.length) box.append(el("p", { class: "hint" }, "No claims recorded."));
    },

    side(kind, rec) {
      if (!rec) return el("div", { class: "claim-side none" }, "No denial found in the store.");
      const who = `${rec.type} ${rec.source_code || "?"} → ${rec.target_code || "?"}`;
      return el("div", { class: `claim-side ${kind}` },
        el("div", {}, el("span", { class: "tag" }, who), ` · ${rec.day || "undated"}`),
        openLink(rec.sentence.trim(), rec.article_id, { eventId: rec.id, sentence: rec.sentence }));
    },

    row(pair) {
      return el("div", { class: "claim-row" }, Claims.side("claim", pair.claim), Claims.side("counter", pair.counter));
    },

    bind() {
      document.getElementById("claims-answered").addEventListener("change", () =>
        Claims.load().catch((e) => fail("claims", e)));
    },
  };

  // ---------------------------------------------------------------- start

  async function loadTimeline() {
    const dyads = await Timeline.fillDyads();
    if (dyads.length) {
      await Timeline.load(dyads[0].a, dyads[0].b);
    } else {
      Timeline.draw({ a: "?", b: "?", points: [], alerts: [] });
    }
  }

  async function loadAllEvents() {
    const data = await getJSON("/api/events?limit=5000");
    Events.fillTypes(data.events);
    await WorldMap.load(data.events);
    return data.events.length;
  }

  async function start() {
    Timeline.bind();
    WorldMap.bind();
    Events.bind();
    Claims.bind();
    window.addEventListener("hashchange", Article.fromHash);
    const jobs = {
      timeline: loadTimeline(), map: loadAllEvents(), network: Network.load(),
      events: Events.load(), quotes: Quotes.load(), claims: Claims.load(),
    };
    const results = await Promise.allSettled(Object.values(jobs));
    const names = Object.keys(jobs);
    const failed = results.map((r, i) => [names[i], r]).filter(([, r]) => r.status === "rejected");
    for (const [name, r] of failed) fail(name, r.reason);
    if (!failed.length) {
      setStatus(`${results[1].value} events, ${results[4].value} quotes loaded`);
    }
    document.body.setAttribute("data-ready", failed.length ? "with-errors" : "yes");
    Article.fromHash();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
