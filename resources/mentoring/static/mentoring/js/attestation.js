// The attestation's print button (no inline onclick: the Content-Security-Policy refuses it).
document.querySelector(".print-button")?.addEventListener("click", () => window.print());
