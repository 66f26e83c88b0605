// Draws the graph whose data the page holds as JSON. Tooltips are text, never HTML.
// The overview opens with the nodes that have no parents (vision, politikker, målsætninger);
// a click on a node that has something below it shows or hides it; a click on any other node
// opens its page. The view never opens so far out that a label is smaller than data.minFont.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof vis === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var minFont = data.minFont || 12;

  function asText(item) {
    if (typeof item.title === "string") {
      var tip = document.createElement("div");
      tip.className = "graph-tip";
      tip.innerText = item.title;
      item.title = tip;
    }
    return item;
  }

  var all = {}, order = [], below = {};
  data.nodes.forEach(function (node) {
    asText(node);
    node.short = node.label;
    all[node.id] = node;
    order.push(node.id);
    (node.parents || []).forEach(function (parent) { (below[parent] = below[parent] || []).push(node.id); });
  });
  data.edges.forEach(asText);
  order.sort(function (a, b) { return (all[a].level || 0) - (all[b].level || 0); });
  var opened = {};

  function shown() {
    // A node is shown when it has no parents, or a parent that is shown and opened.
    var visible = {};
    order.forEach(function (id) {
      var parents = all[id].parents || [];
      if (!parents.length) { visible[id] = true; return; }
      for (var i = 0; i < parents.length; i++) {
        if (visible[parents[i]] && opened[parents[i]]) { visible[id] = true; return; }
      }
    });
    return visible;
  }

  function labelled(id) {
    var node = all[id];
    if (!below[id]) { return node; }
    return Object.assign({}, node, { label: (opened[id] ? "− " : "+ ") + node.short });
  }

  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);

  function sync() {
    var visible = shown();
    var gone = nodes.getIds().filter(function (id) { return !visible[id]; });
    nodes.remove(gone);
    nodes.update(order.filter(function (id) { return visible[id]; }).map(labelled));
    var wanted = data.edges.filter(function (e) { return visible[e.from] && visible[e.to]; });
    var keep = {};
    wanted.forEach(function (e) { keep[e.id] = true; });
    edges.remove(edges.getIds().filter(function (id) { return !keep[id]; }));
    edges.update(wanted);
    holder.setAttribute("data-nodes", String(nodes.length));
  }

  sync();
  var network = new vis.Network(holder, { nodes: nodes, edges: edges }, data.options);
  holder.malplanNetwork = network; // for the browser tests and the console
  holder.malplanOpened = opened;

  function readableScale() { return minFont / ((data.options.nodes && data.options.nodes.font.size) || 14); }

  // Show everything if the labels stay readable; else, at the smallest readable size, the top
  // left of the graph, or (after a click) the node clicked with what opened to its right.
  function view(focus) {
    network.fit({ animation: false });
    if (network.getScale() >= readableScale()) { return; }
    var scale = readableScale();
    var box = holder.getBoundingClientRect();
    var half = { x: box.width / 2 / scale, y: box.height / 2 / scale };
    var position;
    if (focus) {
      var at = network.getPositions([focus])[focus];
      position = { x: at.x + half.x - 160 / scale, y: at.y };
    } else {
      var positions = network.getPositions(nodes.getIds());
      var left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
      Object.keys(positions).forEach(function (id) {
        left = Math.min(left, positions[id].x); right = Math.max(right, positions[id].x);
        top = Math.min(top, positions[id].y); bottom = Math.max(bottom, positions[id].y);
      });
      var margin = 150 / scale;
      position = {
        x: right - left + 2 * margin < 2 * half.x ? (left + right) / 2 : left - margin + half.x,
        y: bottom - top + 60 < 2 * half.y ? (top + bottom) / 2 : top - 30 / scale + half.y,
      };
    }
    network.moveTo({ position: position, scale: scale, animation: false });
  }
  view();
  holder.setAttribute("data-ready", "1");
  network.once("afterDrawing", function () { holder.setAttribute("data-drawn", String(Math.round(performance.now()))); });

  function toggle(id) {
    if (opened[id]) {
      // Closing a node closes what it opened below it, too.
      var stack = [id];
      while (stack.length) {
        var next = stack.pop();
        delete opened[next];
        (below[next] || []).forEach(function (child) { if (opened[child]) { stack.push(child); } });
      }
    } else {
      opened[id] = true;
    }
    sync();
    view(id);
    holder.setAttribute("data-opened", String(Object.keys(opened).length));
  }
  holder.malplanToggle = toggle;

  network.on("click", function (event) {
    if (!event.nodes.length) { return; }
    var id = event.nodes[0];
    if (below[id]) { toggle(id); return; }
    var node = all[id];
    if (node && node.page) { window.location.href = node.page; }
  });
  // A politik's or a målsætning's own page opens from the list beside the graph.

  // The app's own controls.
  var controls = document.querySelectorAll("[data-graph]");
  for (var c = 0; c < controls.length; c++) {
    controls[c].addEventListener("click", function (event) {
      var what = event.currentTarget.getAttribute("data-graph");
      if (what === "zoom-in") { network.moveTo({ scale: network.getScale() * 1.25 }); }
      if (what === "zoom-out") { network.moveTo({ scale: network.getScale() / 1.25 }); }
      if (what === "fit") { network.fit({ animation: false }); }
      if (what === "collapse") { Object.keys(opened).forEach(function (k) { delete opened[k]; }); sync(); view(); }
    });
  }

  // The trace: a path hovered (or focused) in the list is drawn darker in the graph. The list
  // comes after this script in the page, so the document listens.
  var marked = null;
  function mark(event) {
    var item = event.target.closest ? event.target.closest("[data-path]") : null;
    if (item === marked) { return; }
    marked = item;
    if (!item) { network.unselectAll(); holder.setAttribute("data-selected", "0"); return; }
    var ids = JSON.parse(item.getAttribute("data-path"));
    var links = [];
    for (var i = 0; i + 1 < ids.length; i++) { links.push(ids[i] + " " + ids[i + 1]); }
    network.setSelection({ nodes: ids, edges: links.filter(function (l) { return edges.get(l); }) }, { highlightEdges: false });
    holder.setAttribute("data-selected", String(ids.length));
  }
  document.addEventListener("mouseover", mark);
  document.addEventListener("focusin", mark);

  var search = document.getElementById("graph-search");
  var found = document.getElementById("graph-found");
  if (search) {
    search.addEventListener("input", function () {
      var wanted = search.value.trim().toLowerCase();
      var ids = [];
      if (wanted) {
        order.forEach(function (id) {
          if (String(all[id].short).toLowerCase().indexOf(wanted) >= 0) {
            ids.push(id);
            (all[id].parents || []).forEach(function (parent) { opened[parent] = true; });
          }
        });
        sync();
      }
      network.selectNodes(ids);
      if (ids.length) { network.fit({ nodes: ids, animation: false }); }
      if (found) { found.textContent = wanted ? String(ids.length) : ""; }
      holder.setAttribute("data-selected", String(ids.length));
    });
  }

  // The legend's colours come from data attributes: no inline style, so the page's CSP holds.
  var swatches = document.querySelectorAll(".swatch[data-color]");
  for (var i = 0; i < swatches.length; i++) { swatches[i].style.backgroundColor = swatches[i].getAttribute("data-color"); }
})();

// Type-ahead filters: the choices come from the app as one types, never all in the page.
(function () {
  "use strict";
  var fields = document.querySelectorAll("input.typeahead[data-source]");
  Array.prototype.forEach.call(fields, function (field) {
    var hidden = field.parentNode.querySelector("input[type=hidden]");
    var list = document.getElementById(field.getAttribute("list"));
    var known = {}, timer = null, asked = 0;
    known[field.value] = hidden.value; // the filter that is set
    function ask() {
      var mine = ++asked;
      fetch(field.getAttribute("data-source") + "&q=" + encodeURIComponent(field.value), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (choices) {
          if (mine !== asked) { return; }
          while (list.firstChild) { list.removeChild(list.firstChild); }
          choices.forEach(function (choice) {
            known[choice.name] = choice.iri;
            var option = document.createElement("option");
            option.value = choice.name;
            list.appendChild(option);
          });
          pick();
          field.setAttribute("data-choices", String(choices.length));
        });
    }
    function pick() {
      if (!field.value.trim()) { hidden.value = ""; return; }
      hidden.value = known[field.value] || "";
    }
    field.addEventListener("input", function () {
      pick();
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    field.addEventListener("focus", function () { if (!list.firstChild) { ask(); } });
    field.addEventListener("change", pick);
  });
})();
