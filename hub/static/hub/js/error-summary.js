// After a refused submission, move focus to the error summary so screen readers announce it.
// A static file, not an inline script: the Content-Security-Policy allows only this site's files.
(() => {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();
