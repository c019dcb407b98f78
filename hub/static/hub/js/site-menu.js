// Phones: the header's « Menu » button folds the search and the main menu (templates/includes/
// header.html). Without scripts both stay open and the button stays hidden. With scripts, the
// inline script of base.html has already folded them before the first paint (html.js.menu-closed)
// and this file makes the button work; if it never runs, that script unfolds them again at load.
// The button shows only on narrow screens (site.css); on wide screens everything shows.
// Filters of the listings (<details class="filters-disclosure">) open by default on wide screens.
(() => {
  const phone = window.matchMedia("(max-width: 40rem)");
  document.documentElement.dataset.menu = "ready";

  const toggle = document.querySelector(".menu-toggle");
  if (toggle) {
    const panels = toggle.getAttribute("aria-controls").split(" ")
      .map((id) => document.getElementById(id)).filter(Boolean);
    const setOpen = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      document.documentElement.classList.toggle("menu-closed", !open);
    };
    toggle.hidden = false;
    setOpen(false);
    toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
    // Escape closes the open menu from the button or from inside it, and gives the focus back.
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !phone.matches || toggle.getAttribute("aria-expanded") !== "true") return;
      if (event.target !== toggle && !panels.some((panel) => panel.contains(event.target))) return;
      setOpen(false);
      toggle.focus();
    });
  }

  const disclose = () => {
    for (const details of document.querySelectorAll("details.filters-disclosure")) {
      details.open = !phone.matches;
    }
  };
  disclose();
  phone.addEventListener("change", disclose);
})();
