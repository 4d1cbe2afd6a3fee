// Swagger UI's markup, made to pass WCAG 2.2 AA where its own falls short:
// the request body's text box gets a name, and the examples that scroll
// sideways can be reached with the keyboard. Swagger UI redraws as people
// open operations, so this runs on every change.
(function () {
  "use strict";
  function mend(root) {
    root.querySelectorAll("textarea.body-param__text:not([aria-label])").forEach(function (box) {
      box.setAttribute("aria-label", "Request body (JSON)");
    });
    root.querySelectorAll("pre.microlight:not([tabindex]), pre.example:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  }
  var ui = document.getElementById("swagger-ui");
  new MutationObserver(function () { mend(ui); }).observe(ui, { childList: true, subtree: true });
})();
