/* What both preview panels share: small DOM builders and the build status box. */
(function () {
  'use strict';
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function row(table, cells, head) {
    var tr = el('tr');
    cells.forEach(function (cell) { tr.appendChild(el(head ? 'th' : 'td', cell)); });
    table.appendChild(tr);
  }
  /* Show the last build's error, if any; returns true when a new build is ready to load. */
  function buildChanged(status, errorBox, last) {
    errorBox.hidden = !status.error;
    errorBox.textContent = status.error ? 'The last change has errors, so the previous build is still shown:\n' + status.error : '';
    return last !== null && status.build !== last && !status.error;
  }
  window.DFCPreview = { el: el, row: row, buildChanged: buildChanged };
})();
