// Before the page is drawn: GOV.UK Frontend's classes for a browser with
// JavaScript (and one that can run its ES modules), from a file rather than
// inline, so the Content-Security-Policy can refuse every inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
