// The HTML report's stylesheet and script, inlined into every page. The script reads the JSON
// data block and builds the page with textContent and setAttribute only (never innerHTML), so
// text from a state is always shown as text. Plain ES2017 without template literals.

export const PAGE_CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --bad: #cf222e; --ok: #1a7f37;
  --cur: #0969da; --cycle: #f4a21d; --card: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 20px 28px 12px; background: var(--card); border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 22px; }
h1.bad { color: var(--bad); } h1.ok { color: var(--ok); } h1.other { color: #9a6700; }
h2 { margin: 0; font-size: 16px; display: inline-block; }
.hint { display: inline-block; margin: 0 0 0 12px; color: var(--muted); font-size: 13px; }
#spec { margin: 0 0 8px; color: var(--muted); }
#summary { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; }
#summary div { display: flex; gap: 6px; } #summary dt { color: var(--muted); } #summary dd { margin: 0; font-variant-numeric: tabular-nums; }
#warnings { margin: 8px 0 0; padding: 0; list-style: none; } #warnings li { color: #9a6700; }
#warnings li::before { content: "⚠ "; }
main { padding: 16px 28px 40px; display: grid; gap: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
/* the holder ledger beside the counter timeline when both fit (about 1,000 px), under it when not */
#timeline-row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
#chart-card { flex: 3 1 560px; min-width: 0; } #ledger-card { flex: 2 1 380px; min-width: 0; overflow-x: auto; }
#ledger { border-collapse: collapse; font-size: 13px; } #ledger td, #ledger th { padding: 2px 8px; text-align: left; border-bottom: 1px solid var(--line); }
#ledger tr.open td { color: var(--bad); font-weight: 600; }
#chart svg { display: block; margin-top: 8px; max-width: 100%; height: auto; font-size: 12px; }
#chart .axis { stroke: var(--line); } #chart .tick { fill: var(--muted); }
#chart .series { fill: none; stroke-width: 2.5; }
#chart .pt { stroke: #fff; stroke-width: 1.5; cursor: pointer; }
#chart .broke-line { stroke: var(--bad); stroke-dasharray: 4 3; stroke-width: 1.5; }
#chart .broke-label { fill: var(--bad); font-weight: 600; }
#chart .cycle { fill: var(--cycle); fill-opacity: 0.18; } #chart .cycle-label { fill: #9a6700; font-weight: 600; }
#chart .cur { fill: var(--cur); fill-opacity: 0.10; }
#chart .step-tick.current { fill: var(--cur); font-weight: 700; }
#legend { display: flex; gap: 16px; margin-top: 6px; color: var(--muted); font-size: 13px; }
#legend span::before { content: ""; display: inline-block; width: 14px; height: 3px; margin-right: 6px; vertical-align: middle; background: var(--c); }
ol#steps { list-style: none; margin: 10px 0 0; padding: 0; }
li.step { border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 0 0 8px; cursor: pointer; }
li.step.cycle { border-left-color: var(--cycle); background: #fff8e6; }
li.step.broke { border-left-color: var(--bad); }
li.step.current { outline: 2px solid var(--cur); outline-offset: 1px; border-left-color: var(--cur); background: #eef5ff; }
.title { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; }
.num { display: inline-block; min-width: 2.2em; font-weight: 700; color: var(--muted); font-variant-numeric: tabular-nums; }
.label { font-weight: 600; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 14px; }
.action { color: var(--muted); font-size: 13px; } .action::before { content: "["; } .action::after { content: "]"; }
.tag { font-size: 12px; border-radius: 10px; padding: 0 8px; color: #fff; }
.tag.bad { background: var(--bad); } .tag.cycle { background: #bf8700; }
ul.diff { margin: 4px 0 0 2.9em; padding: 0; list-style: none; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
ul.diff .path { color: var(--muted); } ul.diff .old { color: var(--bad); } ul.diff .new { color: var(--ok); font-weight: 600; }
.nochange { margin: 4px 0 0 2.9em; color: var(--muted); font-size: 13px; font-style: italic; }
details { margin: 6px 0 0 2.9em; } summary { color: var(--cur); font-size: 13px; cursor: pointer; }
table.state { border-collapse: collapse; margin-top: 4px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
table.state td { padding: 1px 14px 1px 0; vertical-align: top; white-space: pre-wrap; word-break: break-all; }
table.state td:first-child { color: var(--muted); }
li.back { color: #9a6700; font-weight: 600; margin: 0 0 8px; padding: 6px 12px; border: 1px dashed var(--cycle); border-radius: 6px; }
`;

export const PAGE_SCRIPT = `
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mc-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var COLORS = ["#0969da", "#bf3989", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#116329", "#953800"];
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function sv(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  var h1 = document.getElementById("verdict");
  h1.textContent = data.headline;
  h1.className = data.verdict === "violation" ? "bad" : data.verdict === "ok" ? "ok" : "other";
  document.getElementById("spec").textContent = data.spec + (data.file ? " (" + data.file + ")" : "");
  var dl = document.getElementById("summary");
  data.summary.forEach(function (kv) {
    var d = el("div");
    d.appendChild(el("dt", "", kv[0]));
    d.appendChild(el("dd", "", kv[1]));
    dl.appendChild(d);
  });
  var wl = document.getElementById("warnings");
  data.warnings.forEach(function (w) { wl.appendChild(el("li", "", w)); });

  var steps = data.steps;
  var n = steps.length;
  var items = [];
  var list = document.getElementById("steps");
  steps.forEach(function (s, i) {
    var li = el("li", "step");
    li.id = "step-" + i;
    li.setAttribute("data-step", String(i));
    var inCycle = data.loop !== null && i >= data.loop;
    if (inCycle) li.classList.add("cycle");
    if (i === data.broke) li.classList.add("broke");
    var t = el("div", "title");
    t.appendChild(el("span", "num", i + "."));
    t.appendChild(el("span", "label", s.title));
    if (s.action !== null && s.action !== s.title) t.appendChild(el("span", "action", s.action));
    if (i === data.broke) t.appendChild(el("span", "tag bad", "breaks " + data.brokeName));
    if (data.loop !== null && i === data.loop) t.appendChild(el("span", "tag cycle", "cycle starts"));
    li.appendChild(t);
    if (i > 0 && s.changes.length === 0) li.appendChild(el("div", "nochange", "(no change)"));
    if (s.changes.length > 0) {
      var ul = el("ul", "diff");
      s.changes.forEach(function (c) {
        var row = el("li");
        row.appendChild(el("span", "path", c[0] + ": "));
        row.appendChild(el("span", "old", c[1]));
        row.appendChild(document.createTextNode(" → "));
        row.appendChild(el("span", "new", c[2]));
        ul.appendChild(row);
      });
      li.appendChild(ul);
    }
    var det = el("details");
    det.appendChild(el("summary", "", (i === 0 ? "initial state" : "full state") + " (" + s.state.length + " values)"));
    var tb = el("table", "state");
    s.state.forEach(function (kv) {
      var tr = el("tr");
      tr.appendChild(el("td", "", kv[0]));
      tr.appendChild(el("td", "", kv[1]));
      tb.appendChild(tr);
    });
    det.appendChild(tb);
    if (i === 0) det.open = true;
    li.appendChild(det);
    li.addEventListener("click", function (e) { if (e.target.tagName !== "SUMMARY") select(i); });
    list.appendChild(li);
    items.push(li);
  });
  if (data.loopText !== null) list.appendChild(el("li", "back", "↻ " + data.loopText));
  if (data.fairness !== null) {
    var ft = document.getElementById("fairness");
    data.fairness.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (cell) { tr.appendChild(el("td", "", cell)); });
      ft.appendChild(tr);
    });
    if (data.fairnessNote !== null) document.getElementById("fairness-note").textContent = data.fairnessNote;
    document.getElementById("fairness-card").hidden = false;
  }
  if (n > 0) document.getElementById("steps-card").hidden = false;

  var cur = -1;
  var curBand = null;
  var stepTicks = [];
  var xOf = function () { return 0; };
  drawChart();

  function drawChart() {
    var series = data.counters;
    if (series.length === 0 || n === 0) return;
    document.getElementById("chart-card").hidden = false;
    var vals = [0];
    series.forEach(function (c) { c.values.forEach(function (v) { if (v !== null) vals.push(v); }); });
    var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals);
    if (hi === lo) hi = lo + 1;
    var dx = Math.max(34, Math.min(110, 900 / Math.max(1, n - 1)));
    var left = 64, top = 26, ph = 170, right = 30;
    var W = left + dx * Math.max(1, n - 1) + right, H = top + ph + 44;
    xOf = function (i) { return left + i * dx; };
    var y = function (v) { return top + ph - ((v - lo) / (hi - lo)) * ph; };
    var svg = sv("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "counter values after each step" });
    if (data.loop !== null) {
      var x0 = xOf(data.loop) - dx / 2, x1 = xOf(n - 1) + dx / 2;
      svg.appendChild(sv("rect", { class: "cycle", x: x0, y: top - 18, width: x1 - x0, height: ph + 18 }));
      svg.appendChild(sv("text", { class: "cycle-label", x: x0 + 4, y: top - 6 }, "↻ cycle, forever"));
    }
    curBand = sv("rect", { class: "cur", x: 0, y: top - 4, width: dx * 0.8, height: ph + 8 });
    svg.appendChild(curBand);
    var stepTick = Math.max(1, Math.ceil((hi - lo) / 8));
    for (var v = lo; v <= hi; v += stepTick) {
      svg.appendChild(sv("line", { class: "axis", x1: left - 6, x2: W - right + 10, y1: y(v), y2: y(v) }));
      svg.appendChild(sv("text", { class: "tick", x: left - 12, y: y(v) + 4, "text-anchor": "end" }, v));
    }
    for (var i = 0; i < n; i++) {
      var tk = sv("text", { class: "tick step-tick", x: xOf(i), y: top + ph + 22, "text-anchor": "middle" }, i);
      stepTicks.push(tk);
      svg.appendChild(tk);
    }
    svg.appendChild(sv("text", { class: "tick", x: left - 12, y: top + ph + 22, "text-anchor": "end" }, "step"));
    if (data.broke !== null) {
      var bx = xOf(data.broke);
      svg.appendChild(sv("line", { class: "broke-line", x1: bx, x2: bx, y1: top - 14, y2: top + ph + 6 }));
      svg.appendChild(sv("text", { class: "broke-label", x: bx - 4, y: top - 16, "text-anchor": "end" }, "✗ " + data.brokeName));
    }
    var legend = document.getElementById("legend");
    series.forEach(function (c, si) {
      var color = COLORS[si % COLORS.length];
      var g = sv("g", { class: "counter", "data-counter": c.name });
      var pts = [];
      c.values.forEach(function (v, i) { if (v !== null) pts.push(xOf(i) + "," + y(v)); });
      g.appendChild(sv("polyline", { class: "series", points: pts.join(" "), stroke: color }));
      c.values.forEach(function (v, i) {
        if (v === null) return;
        var p = sv("circle", { class: "pt", cx: xOf(i), cy: y(v), r: 5, fill: color, "data-step": i });
        p.appendChild(sv("title", {}, c.name + " after step " + i + ": " + v));
        p.addEventListener("click", function () { select(i); });
        g.appendChild(p);
      });
      svg.appendChild(g);
      var key = el("span", "", c.name);
      key.style.setProperty("--c", color);
      legend.appendChild(key);
    });
    document.getElementById("chart").appendChild(svg);
    // Labels near an edge (the cycle's, the breaking step's) may reach past the drawing: widen
    // the view to everything drawn, so no label is cut off.
    var b = svg.getBBox();
    var vx0 = Math.min(0, Math.floor(b.x) - 4), vx1 = Math.max(W, Math.ceil(b.x + b.width) + 4);
    if (vx0 < 0 || vx1 > W) {
      svg.setAttribute("viewBox", vx0 + " 0 " + (vx1 - vx0) + " " + H);
      svg.setAttribute("width", String(vx1 - vx0));
    }
  }

  function select(i) {
    if (i < 0 || i >= n || i === cur) return;
    if (cur >= 0) {
      items[cur].classList.remove("current");
      items[cur].removeAttribute("aria-current");
      if (stepTicks[cur]) stepTicks[cur].classList.remove("current");
    }
    cur = i;
    items[i].classList.add("current");
    items[i].setAttribute("aria-current", "step");
    if (stepTicks[i]) stepTicks[i].classList.add("current");
    if (curBand) curBand.setAttribute("x", String(xOf(i) - Number(curBand.getAttribute("width")) / 2));
    if (typeof items[i].scrollIntoView === "function") items[i].scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || n === 0) return;
    var k = e.key;
    if (k === "j" || k === "ArrowDown" || k === "ArrowRight") select(Math.min(n - 1, cur + 1));
    else if (k === "k" || k === "ArrowUp" || k === "ArrowLeft") select(Math.max(0, cur - 1));
    else if (k === "Home" || k === "g") select(0);
    else if (k === "End" || k === "G") select(n - 1);
    else if ((k === "Enter" || k === "o") && cur >= 0 && e.target.tagName !== "SUMMARY") {
      var d = items[cur].querySelector("details");
      d.open = !d.open;
    } else return;
    e.preventDefault();
  });
  if (n > 0) select(0);
})();
`;
