// After a refused application, focus the error summary so screen readers announce it; again on
// "load", or the browser's jump to #candidater (the form's action) takes the focus back.
// A static file, not an inline script: the Content-Security-Policy allows only this site's files.
(() => {
  const focusSummary = () => document.getElementById("error-summary")?.focus();
  focusSummary();
  window.addEventListener("load", focusSummary);
})();
