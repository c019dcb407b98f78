// After a refused submission, move focus to the error summary so screen readers announce it.
// Done again on "load": the browser's jump to the form's #anchor would otherwise take it back.
// A static file, not an inline script: the Content-Security-Policy allows only this site's files.
(() => {
  const focusSummary = () =>
    (document.getElementById("error-summary") || document.querySelector(".error-summary"))?.focus();
  focusSummary();
  window.addEventListener("load", focusSummary);
})();
