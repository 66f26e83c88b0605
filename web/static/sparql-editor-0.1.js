// The query page's editor: CodeMirror 5 with SPARQL highlighting, bracket matching, completion
// of the ontology's terms (Ctrl+Space, or by itself after "prefix:") and running by Ctrl+Enter.
// A known prefix that is used gets its PREFIX line added at the top, as YASGUI does.
// Without this script the page keeps its plain text area, and the form works the same.
(function () {
  "use strict";
  var area = document.getElementById("query");
  var source = document.getElementById("sparql-editor-data");
  if (!area || !source || typeof CodeMirror === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var prefixes = data.prefixes || {};
  var terms = data.terms || [];

  function declared(cm, prefix) {
    return new RegExp("^\\s*PREFIX\\s+" + prefix + ":", "im").test(cm.getValue());
  }

  function declare(cm, prefix) {
    if (!prefixes.hasOwnProperty(prefix) || declared(cm, prefix)) { return; }
    var line = 0;
    while (line < cm.lineCount() && /^\s*(PREFIX|BASE|#)/i.test(cm.getLine(line))) { line++; }
    cm.replaceRange("PREFIX " + prefix + ": <" + prefixes[prefix] + ">\n", { line: line, ch: 0 });
  }

  // The word before the cursor: a prefixed name in the making ("mp:Go") or a bare word.
  function wordAt(cm) {
    var cursor = cm.getCursor();
    var before = cm.getLine(cursor.line).slice(0, cursor.ch);
    var match = /[A-Za-z_][\w-]*:?[\w-]*$/.exec(before);
    var word = match ? match[0] : "";
    return { word: word, from: CodeMirror.Pos(cursor.line, cursor.ch - word.length), to: cursor };
  }

  function hint(cm) {
    var at = wordAt(cm);
    var wanted = at.word.toLowerCase();
    var list = [];
    Object.keys(prefixes).forEach(function (prefix) {
      if (wanted.indexOf(":") < 0 && (prefix + ":").indexOf(wanted) === 0) {
        list.push({ text: prefix + ":", displayText: prefix + ":  <" + prefixes[prefix] + ">" });
      }
    });
    terms.forEach(function (term) {
      var local = term.text.split(":")[1].toLowerCase();
      if (term.text.toLowerCase().indexOf(wanted) === 0 || (wanted && local.indexOf(wanted) === 0) ||
          (wanted.length > 2 && String(term.label).toLowerCase().indexOf(wanted.replace(/^\w+:/, "")) >= 0)) {
        list.push({ text: term.text, displayText: term.text + "  " + term.label });
      }
    });
    var result = { list: list, from: at.from, to: at.to };
    CodeMirror.on(result, "pick", function (picked) {
      var name = typeof picked === "string" ? picked : picked.text;
      declare(cm, name.split(":")[0]);
    });
    return result;
  }

  var form = document.getElementById("query-form");
  function run(cm) { cm.save(); form.submit(); }
  var editor = CodeMirror.fromTextArea(area, {
    mode: "application/sparql-query",
    lineNumbers: true,
    matchBrackets: true,
    indentUnit: 2,
    viewportMargin: Infinity,
    screenReaderLabel: document.querySelector("label[for=query]").textContent,
    // The editable text itself, inside the scrolling box: screen readers read it as text, and a
    // keyboard reaches the box (WCAG 2.1.1) without a hidden textarea outside it.
    inputStyle: "contenteditable",
    // Tab leaves the editor as it leaves any field (no keyboard trap); indent with spaces.
    extraKeys: { "Ctrl-Space": "autocomplete", "Ctrl-Enter": run, "Cmd-Enter": run, "Tab": false, "Shift-Tab": false },
    hintOptions: { hint: hint, completeSingle: false }
  });
  editor.on("inputRead", function (cm, change) {
    var typed = change.text.join("");
    var at = wordAt(cm);
    if (typed === ":" && prefixes.hasOwnProperty(at.word.slice(0, -1))) { declare(cm, at.word.slice(0, -1)); }
    if (/[\w:]/.test(typed) && at.word.indexOf(":") > 0 && !cm.state.completionActive) {
      cm.showHint({ completeSingle: false });
    }
  });
  document.body.setAttribute("data-editor", "ready"); // for the browser tests
  area.malplanEditor = editor;
})();
