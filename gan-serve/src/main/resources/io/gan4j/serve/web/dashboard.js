// gan4j serve: the runs page and the run page. Everything from the runs is inserted as text (textContent), never as
// HTML: run names, configs and messages are the user's files, shown, not interpreted.
var gan4j = (function () {
  "use strict";
  var POLL_MS = 1000;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function num(v, digits) {
    return v === undefined || v === null ? "" : Number(v).toFixed(digits);
  }

  function getJson(url) {
    return fetch(url, {cache: "no-store"}).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  // Marks the moment a page is first usable, once: its first poll shown and the grids it shows decoded, in the frame
  // that paints them. performance.now() (ms since the navigation started) goes to window.gan4jReady and body's
  // data-ready; ServePageBenchTest reads it.
  function markReady(imgs) {
    if (window.gan4jReady !== undefined) return;
    window.gan4jReady = null;
    Promise.all(imgs.filter(function (i) { return i.getAttribute("src"); }).map(function (i) {
      return i.decode ? i.decode().catch(function () {}) : null; // a browser without decode(): not waited for
    })).then(function () {
      requestAnimationFrame(function () {
        window.gan4jReady = performance.now();
        document.body.dataset.ready = String(Math.round(window.gan4jReady));
      });
    });
  }

  function showError(e) {
    var box = document.getElementById("error");
    if (box) box.textContent = e ? String(e.message || e) : "";
  }

  // ---- runs page ----
  function runsPage() {
    var filter = document.getElementById("filter");
    var runs = [];
    var selected = {}; // id -> true; kept across the table's redraws
    var compare = document.getElementById("compare");
    function updateCompare() {
      var ids = runs.map(function (r) { return r.id; }).filter(function (id) { return selected[id]; });
      compare.disabled = ids.length < 2;
      compare.textContent = "Compare selected (" + ids.length + ")";
      return ids;
    }
    function render() {
      var q = filter.value.trim().toLowerCase();
      var body = document.querySelector("#runs tbody");
      body.replaceChildren();
      var shown = runs.filter(function (r) {
        return !q || (r.name || "").toLowerCase().indexOf(q) >= 0 || (r.variant || "").toLowerCase().indexOf(q) >= 0;
      });
      shown.forEach(function (r) {
        var tr = el("tr");
        tr.dataset.id = r.id;
        var pick = el("td");
        var box = el("input");
        box.type = "checkbox";
        box.className = "pick";
        box.checked = !!selected[r.id];
        box.addEventListener("change", function () { selected[r.id] = box.checked; updateCompare(); });
        pick.appendChild(box);
        tr.appendChild(pick);
        var name = el("td");
        var a = el("a", r.name);
        a.href = "/run?id=" + encodeURIComponent(r.id);
        name.appendChild(a);
        tr.appendChild(name);
        tr.appendChild(el("td", r.variant));
        tr.appendChild(el("td", r.state, "state-" + r.state));
        tr.appendChild(el("td", (r.step || 0) + " / " + (r.iterations || 0), "num"));
        tr.appendChild(el("td", num(r.msPerStep, 1), "num"));
        tr.appendChild(el("td", num(r.latestFid, 2), "num"));
        tr.appendChild(el("td", r.bestFid === undefined || r.bestFid === null ? ""
            : num(r.bestFid, 2) + " (" + r.bestFidStep + ")", "num"));
        tr.appendChild(el("td", r.lastChange));
        tr.appendChild(el("td", r.id));
        body.appendChild(tr);
      });
      document.getElementById("count").textContent = shown.length + " of " + runs.length + " runs";
      updateCompare();
    }
    function poll() {
      Promise.all([getJson("/api/runs"), getJson("/api/sweeps")]).then(function (both) {
        runs = both[0];
        showError(null);
        render();
        renderSweeps(both[1]);
        markReady([]);
      }).catch(showError).finally(function () { setTimeout(poll, POLL_MS); });
    }
    filter.addEventListener("input", render);
    compare.addEventListener("click", function () {
      location.href = "/compare?ids=" + updateCompare().map(encodeURIComponent).join(",");
    });
    poll();
  }

  // The sweep reports found under the served directories: name, how many of its runs are served, and a link that
  // opens the compare page on exactly those runs.
  function renderSweeps(sweeps) {
    var body = document.querySelector("#sweeps tbody");
    body.replaceChildren();
    sweeps.forEach(function (s) {
      var tr = el("tr");
      tr.dataset.sweep = s.name;
      tr.appendChild(el("td", s.name));
      tr.appendChild(el("td", s.runs.length === s.listed ? s.listed : s.runs.length + " of " + s.listed, "num"));
      var open = el("td");
      var a = el("a", "Open", "open-sweep");
      a.href = "/compare?sweep=" + encodeURIComponent(s.name);
      open.appendChild(a);
      tr.appendChild(open);
      body.appendChild(tr);
    });
    document.getElementById("sweeps-section").hidden = !sweeps.length;
  }

  // ---- run page ----
  // TensorBoard's smoothing: an exponential moving average, debiased so the first points are not pulled to zero.
  function smooth(values, weight) {
    var out = new Array(values.length);
    var last = 0, count = 0;
    for (var i = 0; i < values.length; i++) {
      var v = values[i];
      if (v === null || v === undefined || !isFinite(v)) { out[i] = null; continue; }
      last = last * weight + (1 - weight) * v;
      count++;
      out[i] = weight === 0 ? v : last / (1 - Math.pow(weight, count));
    }
    return out;
  }

  var COLORS = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457"];

  // A log as the page keeps it: steps and each column, appended to as polls bring new rows.
  function Log() { this.step = []; this.columns = {}; }
  Log.prototype.append = function (part) {
    var self = this, n = this.step.length;
    part.step.forEach(function (s) { self.step.push(s); });
    Object.keys(part.columns).forEach(function (c) {
      if (!self.columns[c]) { self.columns[c] = new Array(n).fill(null); }
    });
    Object.keys(self.columns).forEach(function (c) {
      var add = part.columns[c] || new Array(part.step.length).fill(null);
      add.forEach(function (v) { self.columns[c].push(v); });
    });
  };

  function chart(container, title, names, width, height) {
    var box = el("div", null, "chart");
    box.dataset.title = title;
    box.uplot = null; // set below: the browser tests read the drawn data from it
    box.appendChild(el("h3", title));
    container.appendChild(box);
    var series = [{label: "step"}];
    names.forEach(function (n, i) { series.push(n); });
    var plot = new uPlot({width: width, height: height, scales: {x: {time: false}}, series: series,
      axes: [{label: "step"}, {size: 64}]}, [[]].concat(names.map(function () { return []; })), box);
    box.uplot = plot;
    return {box: box, plot: plot};
  }

  function setChartData(c, data) {
    c.plot.setData(data);
    c.box.dataset.points = String(data[0].length);
    c.box.dataset.series = String(data.length - 1);
  }

  function lossColumns(log) {
    return Object.keys(log.columns).filter(function (c) { return /(^|_)loss$/.test(c); });
  }

  function runPage() {
    var id = new URLSearchParams(location.search).get("id");
    var metrics = new Log(), evals = new Log();
    var lastStep = null, grids = [], charts = {loss: null, eval: {}, metric: {}};
    var slider = document.getElementById("smoothing");
    var gridSlider = document.getElementById("grid-step");
    var api = "/api/runs/" + encodeURIComponent(id);
    document.getElementById("grid-gif").href = api + "/grids.gif";

    function drawLoss() {
      var cols = lossColumns(metrics);
      if (!cols.length) return;
      if (!charts.loss) {
        var names = [];
        cols.forEach(function (c, i) {
          names.push({label: c, stroke: COLORS[i % COLORS.length] + "55", width: 1});
          names.push({label: c + " (smoothed)", stroke: COLORS[i % COLORS.length], width: 2});
        });
        charts.loss = chart(document.getElementById("loss-chart"), "losses", names, 900, 320);
        charts.lossColumns = cols;
      }
      var w = Number(slider.value);
      var data = [metrics.step.slice()];
      charts.lossColumns.forEach(function (c) {
        var raw = metrics.columns[c] || [];
        data.push(raw.slice());
        data.push(smooth(raw, w));
      });
      setChartData(charts.loss, data);
    }

    function drawSmall(log, kind, containerId, skip) {
      Object.keys(log.columns).forEach(function (c, i) {
        if (skip(c)) return;
        if (!charts[kind][c]) {
          charts[kind][c] = chart(document.getElementById(containerId), c,
              [{label: c, stroke: COLORS[i % COLORS.length], width: 2, points: {show: kind === "eval"}}], 420, 200);
        }
        setChartData(charts[kind][c], [log.step.slice(), log.columns[c].slice()]);
      });
    }

    function draw() {
      drawLoss();
      drawSmall(evals, "eval", "eval-charts", function (c) { return c === "eval_seconds"; });
      drawSmall(metrics, "metric", "metric-charts", function (c) {
        return c === "elapsed_s" || lossColumns(metrics).indexOf(c) >= 0;
      });
    }

    function pollScalars() {
      var url = api + "/scalars" + (lastStep === null ? "" : "?since=" + lastStep);
      return getJson(url).then(function (s) {
        if (s.metrics.step.length || s.eval.step.length || lastStep === null) {
          metrics.append(s.metrics);
          evals.append(s.eval);
          draw();
        }
        lastStep = s.lastStep;
      });
    }

    function showGrid() {
      var img = document.getElementById("grid");
      // Until the first grid is written there is nothing to show or download: no broken image, no GIF link.
      img.hidden = !grids.length;
      document.getElementById("grid-gif").hidden = !grids.length;
      if (!grids.length) { document.getElementById("grid-label").textContent = "no grids yet"; return; }
      var g = grids[Number(gridSlider.value)];
      var src = "/runs/" + encodeURIComponent(id) + "/files/" + g.path;
      if (img.getAttribute("src") !== src) img.setAttribute("src", src);
      document.getElementById("grid-label").textContent = "step " + g.step + " (" + (Number(gridSlider.value) + 1)
          + " of " + grids.length + ")";
    }

    function pollGrids() {
      return getJson(api + "/grids").then(function (list) {
        var atEnd = Number(gridSlider.value) >= grids.length - 1;
        grids = list;
        gridSlider.max = String(Math.max(0, grids.length - 1));
        if (atEnd) gridSlider.value = gridSlider.max;
        showGrid();
      });
    }

    function showDetail(d) {
      document.getElementById("title").textContent = d.name + " · " + d.id;
      document.title = "gan4j · " + d.name;
      var status = document.getElementById("status");
      status.replaceChildren();
      status.appendChild(el("span", d.state, "state-" + d.state));
      status.appendChild(el("span", " · " + d.variant + " · step " + d.step + " / " + d.iterations
          + (d.msPerStep !== undefined && d.msPerStep !== null ? " · " + num(d.msPerStep, 1) + " ms/step" : "")
          + (d.latestFid !== undefined && d.latestFid !== null ? " · FID " + num(d.latestFid, 2) : "")
          + (d.bestFid !== undefined && d.bestFid !== null ? " (best " + num(d.bestFid, 2) + " at " + d.bestFidStep + ")" : "")
          + " · last change " + d.lastChange + (d.writer ? " · " + d.writer : "")));
      status.dataset.step = String(d.step);
      var body = document.querySelector("#sessions tbody");
      body.replaceChildren();
      ((d.manifest && d.manifest.sessions) || []).forEach(function (s) {
        var tr = el("tr");
        [s.command, s.fromStep, s.toStep, s.iterations, s.status, s.startedAt, s.endedAt, s.message]
            .forEach(function (v) { tr.appendChild(el("td", v === null || v === undefined ? "" : v)); });
        body.appendChild(tr);
      });
      var list = document.getElementById("checkpoints");
      list.replaceChildren();
      (d.checkpoints || []).forEach(function (c) {
        list.appendChild(el("li", c.name + (c.latest ? " (latest)" : "") + (c.best ? " (best)" : "")));
      });
      var config = JSON.stringify(d.config, null, 2);
      var pre = document.getElementById("config");
      if (pre.textContent !== config) pre.textContent = config;
    }

    function poll() {
      Promise.all([getJson(api).then(showDetail), pollScalars(), pollGrids()])
          .then(function () {
            showError(null);
            document.body.dataset.loaded = "true";
            markReady([document.getElementById("grid")]);
          })
          .catch(showError)
          .finally(function () { setTimeout(poll, POLL_MS); });
    }

    slider.addEventListener("input", function () {
      document.getElementById("smoothing-value").textContent = Number(slider.value).toFixed(2);
      drawLoss();
    });
    gridSlider.addEventListener("input", showGrid);
    poll();
  }

  // ---- compare page ----
  // The ids of /compare?ids=A,B: split on the raw commas, then decoded, so a comma inside a name (%2C) stays.
  function compareIds() {
    var m = /[?&]ids=([^&]*)/.exec(location.search);
    if (!m) return [];
    return m[1].split(",").filter(function (s) { return s.length; }).map(function (s) {
      return decodeURIComponent(s.replace(/\+/g, " "));
    });
  }

  // The grid of a run to show at step s: its last grid at or before s, or null.
  function gridAtOrBefore(list, s) {
    var found = null;
    list.forEach(function (g) { if (g.step <= s) found = g; });
    return found;
  }

  // The results table of /api/compare: compare's results.md cells, written as text; runs without a current
  // evaluation listed under it; compare's refusal instead of a table when the runs were evaluated on different terms.
  function showResults(t) {
    document.getElementById("results-refused").textContent = t.refused || "";
    document.getElementById("results-caption").textContent = t.caption || "";
    [["results-groups", t.groupHeader, t.groups], ["results-runs", t.runHeader, t.runs]].forEach(function (x) {
      var table = document.getElementById(x[0]);
      var head = table.querySelector("thead"), body = table.querySelector("tbody");
      head.replaceChildren();
      body.replaceChildren();
      table.hidden = !x[1];
      if (!x[1]) return;
      var tr = el("tr");
      x[1].forEach(function (c) { tr.appendChild(el("th", c)); });
      head.appendChild(tr);
      x[2].forEach(function (row) {
        var r = el("tr");
        row.forEach(function (c) { r.appendChild(el("td", c)); });
        body.appendChild(r);
      });
    });
    var missing = document.getElementById("results-missing");
    missing.replaceChildren();
    t.notEvaluated.forEach(function (m) {
      var li = el("li", m.id + " (" + m.reason + "): " + m.hint);
      li.dataset.id = m.id;
      missing.appendChild(li);
    });
  }

  // /compare?sweep=NAME: the sweep's runs, as /api/sweeps lists them; else /compare?ids=A,B.
  function comparePage() {
    var sweep = /[?&]sweep=([^&]*)/.exec(location.search);
    if (!sweep) { compareRuns(compareIds(), null); return; }
    var name = decodeURIComponent(sweep[1].replace(/\+/g, " "));
    getJson("/api/sweeps").then(function (list) {
      var found = list.filter(function (s) { return s.name === name; })[0];
      if (!found) throw new Error("no sweep report named " + name);
      compareRuns(found.runs, name);
    }).catch(showError);
  }

  function compareRuns(ids, sweepName) {
    if (ids.length) {
      // Its error is shown in the table's place: the polls below clear #error each second.
      getJson("/api/compare?ids=" + ids.map(encodeURIComponent).join(",")).then(showResults).catch(function (e) {
        document.getElementById("results-refused").textContent = String(e.message || e);
      });
    }
    var runs = ids.map(function (id, i) {
      return {id: id, color: COLORS[i % COLORS.length], metrics: new Log(), evals: new Log(), lastStep: null,
        grids: [], api: "/api/runs/" + encodeURIComponent(id)};
    });
    var charts = {}, steps = [];
    var gridSlider = document.getElementById("grid-step");
    document.getElementById("title").textContent = (sweepName ? "sweep " + sweepName + ": " : "") + ids.join(" · ");
    var legend = document.getElementById("legend");
    var figures = document.getElementById("grids");
    runs.forEach(function (r) {
      var item = el("li", r.id);
      item.style.color = r.color;
      legend.appendChild(item);
      var fig = el("figure");
      fig.dataset.id = r.id;
      r.img = el("img");
      r.img.alt = "sample grid of " + r.id;
      r.caption = el("figcaption");
      r.caption.style.color = r.color;
      fig.appendChild(r.img);
      fig.appendChild(r.caption);
      var gif = el("a", "Download GIF", "grid-gif");
      gif.href = r.api + "/grids.gif";
      gif.download = "";
      fig.appendChild(gif);
      figures.appendChild(fig);
    });

    // Every column of either log, by chart: losses and training scalars, then evaluation metrics.
    function columnsOf(kind, skip) {
      var names = [];
      runs.forEach(function (r) {
        Object.keys(r[kind].columns).forEach(function (c) { if (!skip(c) && names.indexOf(c) < 0) names.push(c); });
      });
      return names;
    }

    function drawColumn(kind, c) {
      var key = kind + ":" + c;
      if (!charts[key]) {
        charts[key] = chart(document.getElementById("charts"), c, runs.map(function (r) {
          return {label: r.id, stroke: r.color, width: 2, spanGaps: true, points: {show: kind === "evals"}};
        }), 560, 240);
      }
      // One step axis for all runs: uPlot.join merges their steps, with null where a run has no row.
      setChartData(charts[key], uPlot.join(runs.map(function (r) {
        return [r[kind].step.slice(), (r[kind].columns[c] || r[kind].step.map(function () { return null; })).slice()];
      })));
    }

    function draw() {
      columnsOf("metrics", function (c) { return c === "elapsed_s"; }).forEach(function (c) { drawColumn("metrics", c); });
      columnsOf("evals", function (c) { return c === "eval_seconds"; }).forEach(function (c) { drawColumn("evals", c); });
    }

    function showGrids() {
      if (!steps.length) { document.getElementById("grid-label").textContent = "no grids yet"; return; }
      var s = steps[Number(gridSlider.value)];
      document.getElementById("grid-label").textContent = "step " + s;
      runs.forEach(function (r) {
        var g = gridAtOrBefore(r.grids, s);
        if (!g) {
          r.img.removeAttribute("src");
          r.caption.textContent = r.id + ": no grid at or before step " + s;
          return;
        }
        var src = "/runs/" + encodeURIComponent(r.id) + "/files/" + g.path;
        if (r.img.getAttribute("src") !== src) r.img.setAttribute("src", src);
        r.caption.textContent = r.id + ": step " + g.step;
      });
    }

    function pollRun(r) {
      var url = r.api + "/scalars" + (r.lastStep === null ? "" : "?since=" + r.lastStep);
      return Promise.all([getJson(url), getJson(r.api + "/grids")]).then(function (both) {
        var s = both[0];
        r.metrics.append(s.metrics);
        r.evals.append(s.eval);
        r.lastStep = s.lastStep;
        r.grids = both[1];
      });
    }

    function poll() {
      Promise.all(runs.map(pollRun)).then(function () {
        var atEnd = Number(gridSlider.value) >= steps.length - 1;
        var all = {};
        runs.forEach(function (r) { r.grids.forEach(function (g) { all[g.step] = true; }); });
        steps = Object.keys(all).map(Number).sort(function (a, b) { return a - b; });
        gridSlider.max = String(Math.max(0, steps.length - 1));
        if (atEnd) gridSlider.value = gridSlider.max;
        showGrids();
        draw();
        showError(null);
        document.body.dataset.loaded = "true";
        markReady(runs.map(function (r) { return r.img; }));
      }).catch(showError).finally(function () { setTimeout(poll, POLL_MS); });
    }

    gridSlider.addEventListener("input", showGrids);
    if (runs.length) poll(); else showError("no runs to compare: pick them on the runs page");
  }

  return {runsPage: runsPage, runPage: runPage, comparePage: comparePage, smooth: smooth};
})();
