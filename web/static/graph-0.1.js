// Draws the graph whose data the page holds as JSON. Tooltips are text, never HTML.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof vis === "undefined") { return; }
  var data = JSON.parse(source.textContent);

  function asText(item) {
    if (typeof item.title === "string") {
      var tip = document.createElement("div");
      tip.className = "graph-tip";
      tip.innerText = item.title;
      item.title = tip;
    }
    return item;
  }

  var nodes = new vis.DataSet(data.nodes.map(asText));
  var edges = new vis.DataSet(data.edges.map(asText));
  var network = new vis.Network(holder, { nodes: nodes, edges: edges }, data.options);
  holder.setAttribute("data-nodes", String(nodes.length));
  holder.malplanNetwork = network; // for the browser tests and the console

  network.on("click", function (event) {
    if (event.nodes.length) {
      var node = nodes.get(event.nodes[0]);
      if (node && node.page) { window.location.href = node.page; }
    }
  });

  var highlight = data.highlight || [];
  if (highlight.length) { network.selectNodes(highlight); }

  var search = document.getElementById("graph-search");
  var found = document.getElementById("graph-found");
  if (search) {
    search.addEventListener("input", function () {
      var wanted = search.value.trim().toLowerCase();
      var ids = wanted ? nodes.getIds({ filter: function (n) { return String(n.label).toLowerCase().indexOf(wanted) >= 0; } }) : [];
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
