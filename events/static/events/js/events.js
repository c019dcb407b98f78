// After a refused submission, move focus to the error summary so screen readers announce it.
// Done again on "load": the browser's jump to the #inscription anchor would otherwise win.
(() => {
  const focusSummary = () => {
    const summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  };
  focusSummary();
  window.addEventListener("load", focusSummary);
})();
