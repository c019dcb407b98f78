// After a refused submission, move focus to the error summary so screen readers announce it.
(() => {
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
