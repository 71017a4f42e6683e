// dyad dashboard. Data from the API is only ever put in the page with
// textContent, attribute setters or uPlot's canvas: never as HTML.
"use strict";
(function () {
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.error ? body.error : "HTTP " + r.status);
        return body;
      });
    });
  }

  // Type-ahead: an <input data-typeahead=LISTID> fills <datalist id=LISTID>.
  document.querySelectorAll("input[data-typeahead]").forEach(function (input) {
    var list = document.getElementById(input.dataset.typeahead);
    var timer = null, last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q || q === last) return;
      timer = setTimeout(function () {
        last = q;
        getJSON("/api/actors?limit=12&q=" + encodeURIComponent(q)).then(function (body) {
          list.replaceChildren();
          body.actors.forEach(function (a) {
            var o = document.createElement("option");
            o.value = a.code;
            o.label = a.name + " (" + a.root + ", " + a.events + " events)";
            o.textContent = o.label;
            list.appendChild(o);
          });
          input.dataset.suggestions = String(body.actors.length);
        }).catch(function () {});
      }, 150);
    });
  });

  var chart = document.getElementById("chart");
  if (!chart || typeof uPlot === "undefined") return;
  var a = chart.dataset.a, b = chart.dataset.b, interval = chart.dataset.interval;
  var status = document.getElementById("chart-status");
  var periods = [];
  var plot = null;

  function showPeriod(i) {
    var p = periods[i];
    if (!p) return;
    var title = document.getElementById("period-title");
    var list = document.getElementById("period-events");
    title.textContent = "Events of " + p.period + " (" + p.combined.events + ")";
    list.replaceChildren(el("li", "Loading…"));
    var url = "/api/events?limit=200&pair=" + encodeURIComponent(a + "," + b) +
      "&from=" + p.start + "&to=" + p.end;
    getJSON(url).then(function (body) {
      list.replaceChildren();
      if (!body.events.length) list.appendChild(el("li", "No events in this period."));
      body.events.forEach(function (e) {
        var li = el("li", null, "q" + e.quad_class);
        li.appendChild(el("span", e.day, "day"));
        var link = el("a", e.source.name + " → " + e.target.name + ": " + (e.event_name || e.event_code), "event-link");
        link.href = "/events/" + encodeURIComponent(e.id);
        li.appendChild(link);
        li.appendChild(el("span", String(e.goldstein), "goldstein"));
        list.appendChild(li);
      });
      if (body.next_cursor) list.appendChild(el("li", "More events in this period: narrow the interval."));
      list.dataset.period = p.period;
    }).catch(function (err) { list.replaceChildren(el("li", "Could not load events: " + err.message)); });
  }

  function fillTable() {
    var body = document.getElementById("periods-body");
    body.replaceChildren();
    periods.forEach(function (p, i) {
      var tr = document.createElement("tr");
      var td = document.createElement("td");
      var btn = el("button", p.period, "period");
      btn.type = "button";
      btn.addEventListener("click", function () { showPeriod(i); });
      td.appendChild(btn);
      tr.appendChild(td);
      tr.appendChild(el("td", String(p.combined.cooperation), "num coop"));
      tr.appendChild(el("td", String(p.combined.conflict), "num conf"));
      tr.appendChild(el("td", p.combined.goldstein_mean == null ? "" : String(p.combined.goldstein_mean), "num"));
      body.appendChild(tr);
    });
  }

  function size() {
    var w = Math.max(280, chart.clientWidth);
    return { width: w, height: w < 500 ? 260 : 340 };
  }

  status.textContent = "Loading…";
  getJSON("/api/pairs/" + encodeURIComponent(a) + "/" + encodeURIComponent(b) + "/timeline?interval=" + encodeURIComponent(interval))
    .then(function (t) {
      periods = t.periods;
      fillTable();
      if (!periods.length) {
        status.textContent = "No events between these two actors.";
        chart.dataset.points = "0";
        return;
      }
      var xs = periods.map(function (p) { return Date.parse(p.start + "T00:00:00Z") / 1000; });
      var data = [
        xs,
        periods.map(function (p) { return p.combined.cooperation; }),
        periods.map(function (p) { return p.combined.conflict; }),
        periods.map(function (p) { return p.combined.goldstein_mean; })
      ];
      var s = size();
      var opts = {
        width: s.width, height: s.height,
        tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); },
        cursor: { drag: { x: false, y: false } },
        scales: { g: { range: [-10, 10] } },
        series: [
          { label: interval },
          { label: "Cooperation", stroke: "#1b7f3b", width: 2, points: { show: periods.length < 80 } },
          { label: "Conflict", stroke: "#b3261e", width: 2, points: { show: periods.length < 80 } },
          { label: "Mean Goldstein", stroke: "#5f6368", dash: [6, 4], scale: "g", spanGaps: false }
        ],
        axes: [{}, { label: "events" }, { scale: "g", side: 1, label: "Goldstein", grid: { show: false } }]
      };
      plot = new uPlot(opts, data, chart);
      chart.dataset.points = String(xs.length);
      window.dyadChart = plot;
      status.textContent = periods.length + " periods, " +
        periods.reduce(function (n, p) { return n + p.combined.events; }, 0) + " events. Click the chart to list a period's events.";
      plot.over.addEventListener("click", function () {
        var i = plot.cursor.idx;
        if (i != null) showPeriod(i);
      });
      window.addEventListener("resize", function () { plot.setSize(size()); });
    })
    .catch(function (err) { status.textContent = "Could not load the timeline: " + err.message; });
})();
