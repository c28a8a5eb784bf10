/* ufgraph network page. Text from the graph reaches the DOM only through textContent. */
(function () {
  "use strict";
  var raw = JSON.parse(document.getElementById("ufg-data").textContent);
  var TIP_KINDS = { h: 1, t: 1, m: 1, q: 1 };
  var nodeInfo = {}, edgeInfo = {}, adjacency = {};
  var visNodes = [], visEdges = [];

  raw.nodes.forEach(function (n) {
    nodeInfo[n.id] = { label: String(n.label), t: n.t, tip: n.tip, search: [String(n.label)].concat(n.aka || []).join("\u0001").toLowerCase() };
    adjacency[n.id] = [];
    var v = { id: n.id, label: String(n.label), shape: n.shape, color: n.color };
    if (typeof n.x === "number") { v.x = n.x; v.y = n.y; }
    visNodes.push(v);
  });
  raw.edges.forEach(function (e) {
    edgeInfo[e.id] = { tip: e.tip, from: e.from, to: e.to };
    adjacency[e.from].push(e.to);
    adjacency[e.to].push(e.from);
    var v = { id: e.id, from: e.from, to: e.to, color: { color: e.color, highlight: e.color, hover: e.color, opacity: raw.meta.nodes > 2000 ? 0.35 : 0.8 } };
    if (e.label) { v.label = String(e.label); }
    visEdges.push(v);
  });

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, raw.options);
  var status = document.getElementById("ufg-status");
  var state = {
    network: network, nodes: nodes, edges: edges, settled: false, settleMs: null,
    counts: { nodes: raw.meta.nodes, edges: raw.meta.edges }, focusId: null, hiddenTypes: {}
  };
  window.ufgraph = state;

  function settle() {
    if (state.settled) { return; }
    state.settled = true;
    state.settleMs = performance.now();
    container.setAttribute("data-settled", "true");
  }
  if (raw.meta.physics) {
    network.on("stabilizationProgress", function (p) {
      status.textContent = "布局 layout " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } }); // stabilised: stop for good
      status.textContent = raw.meta.nodes + " nodes · " + raw.meta.edges + " edges";
      network.once("afterDrawing", settle);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", settle);
  }

  // ---------------------------------------------------------------- tooltips (our element)
  var tooltip = document.getElementById("ufg-tooltip");
  function fillTip(tip) {
    while (tooltip.firstChild) { tooltip.removeChild(tooltip.firstChild); }
    (tip || []).forEach(function (line) {
      var div = document.createElement("div");
      div.className = "ufg-tip-" + (TIP_KINDS[line[0]] ? line[0] : "t");
      div.textContent = String(line[1]);
      tooltip.appendChild(div);
    });
  }
  function showTip(tip, pointer) {
    fillTip(tip);
    var rect = container.getBoundingClientRect();
    tooltip.style.left = Math.min(rect.left + pointer.DOM.x + 14, window.innerWidth - 430) + "px";
    tooltip.style.top = (rect.top + pointer.DOM.y + 14) + "px";
    tooltip.hidden = false;
  }
  function hideTip() { tooltip.hidden = true; }
  network.on("hoverNode", function (p) { showTip(nodeInfo[p.node].tip, p.pointer); });
  network.on("hoverEdge", function (p) { showTip(edgeInfo[p.edge].tip, p.pointer); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ---------------------------------------------------------------- visibility
  var focusBox = document.getElementById("ufg-focus");
  var focusLabel = document.getElementById("ufg-focus-label");
  var depthSelect = document.getElementById("ufg-depth");

  function neighbourhood(id, depth) {
    var seen = {}, frontier = [id];
    seen[id] = true;
    for (var d = 0; d < depth; d++) {
      var next = [];
      frontier.forEach(function (n) {
        adjacency[n].forEach(function (m) { if (!seen[m]) { seen[m] = true; next.push(m); } });
      });
      frontier = next;
    }
    return seen;
  }

  function applyVisibility() {
    var keep = state.focusId === null ? null : neighbourhood(state.focusId, parseInt(depthSelect.value, 10) || 1);
    var shown = {}, nodeUpdates = [], edgeUpdates = [], visible = [];
    raw.nodes.forEach(function (n) {
      var on = !state.hiddenTypes[n.t] && (keep === null || keep[n.id] === true);
      if (n.id === state.focusId) { on = true; }
      shown[n.id] = on;
      if (on) { visible.push(n.id); }
      nodeUpdates.push({ id: n.id, hidden: !on });
    });
    raw.edges.forEach(function (e) { edgeUpdates.push({ id: e.id, hidden: !(shown[e.from] && shown[e.to]) }); });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    state.visibleNodes = visible.length;
    return visible;
  }

  function focusOn(id) {
    if (nodeInfo[id] === undefined) { return; }
    state.focusId = id;
    focusLabel.textContent = nodeInfo[id].label;
    focusBox.hidden = false;
    var visible = applyVisibility();
    network.selectNodes([id]);
    network.fit({ nodes: visible, animation: false });
  }
  function showAll() {
    state.focusId = null;
    focusBox.hidden = true;
    applyVisibility();
    network.unselectAll();
    network.fit({ animation: false });
  }
  state.focus = focusOn;
  state.showAll = showAll;

  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) { focusOn(p.nodes[0]); }
  });
  document.getElementById("ufg-reset").addEventListener("click", showAll);
  depthSelect.addEventListener("change", function () { if (state.focusId !== null) { focusOn(state.focusId); } });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hideResults(); if (state.focusId !== null) { showAll(); } }
  });
  Array.prototype.forEach.call(document.querySelectorAll("#ufg-types input[data-type]"), function (box) {
    box.addEventListener("change", function () {
      state.hiddenTypes[box.getAttribute("data-type")] = !box.checked;
      applyVisibility();
    });
  });

  // ---------------------------------------------------------------- search
  var search = document.getElementById("ufg-search");
  var results = document.getElementById("ufg-results");
  var MAX_RESULTS = 30;
  function hideResults() { results.hidden = true; }
  function find(query) {
    var q = String(query).trim().toLowerCase(), hits = [];
    if (!q) { return hits; }
    for (var i = 0; i < raw.nodes.length && hits.length < MAX_RESULTS; i++) {
      var id = raw.nodes[i].id;
      if (nodeInfo[id].search.indexOf(q) !== -1) { hits.push(id); }
    }
    return hits;
  }
  state.find = find;
  function showResults() {
    var hits = find(search.value);
    while (results.firstChild) { results.removeChild(results.firstChild); }
    hits.forEach(function (id, i) {
      var li = document.createElement("li");
      li.textContent = nodeInfo[id].label;
      var type = document.createElement("span");
      type.className = "ufg-type";
      type.textContent = nodeInfo[id].t;
      li.appendChild(type);
      if (i === 0) { li.className = "active"; }
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); hideResults(); focusOn(id); });
      results.appendChild(li);
    });
    if (!hits.length && search.value.trim()) {
      var none = document.createElement("li");
      none.textContent = "无结果 no match";
      results.appendChild(none);
    }
    results.hidden = !search.value.trim();
    return hits;
  }
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(showResults, raw.nodes.length > 5000 ? 200 : 50);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var hits = showResults();
      if (hits.length) { hideResults(); focusOn(hits[0]); }
    }
  });
  search.addEventListener("blur", function () { setTimeout(hideResults, 150); });
})();
