// Swagger UI's markup, made to pass WCAG 2.2 AA where its own falls short:
// the request body's text box gets a name, and the examples that scroll
// sideways can be reached with the keyboard, headings run in order, and
// everything is in a landmark. Swagger UI redraws as people
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
    // The groups of operations come under the API's title (h1): level 2,
    // where Swagger UI skips to h3.
    root.querySelectorAll("h3.opblock-tag:not([aria-level]), section.models > h4:not([aria-level])").forEach(function (heading) {
      heading.setAttribute("aria-level", "2");
    });
    // An open operation's sections (Parameters, Request body, Responses)
    // come under its group: level 3, and their parts level 4.
    [["h4", "3"], ["h5", "4"]].forEach(function (pair) {
      root.querySelectorAll(".opblock " + pair[0] + ":not([aria-level])").forEach(function (heading) {
        heading.setAttribute("aria-level", pair[1]);
      });
    });
    // What Swagger UI shows outside its own <main>: the API's description
    // and the Authorize button, each a region with a name.
    [[".information-container", "About the API"], [".scheme-container", "Signing in with a token"]].forEach(function (pair) {
      root.querySelectorAll(pair[0] + ":not([role])").forEach(function (box) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", pair[1]);
      });
    });
  }
  var ui = document.getElementById("swagger-ui");
  new MutationObserver(function () { mend(ui); }).observe(ui, { childList: true, subtree: true });
})();
