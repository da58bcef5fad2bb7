// Runs before the first paint (a plain script, allowed by the CSP) so a dark-mode user never
// sees a white flash. The React app keeps the class in step afterwards (src/lib/theme.ts).
(function () {
  var choice = null;
  try {
    choice = localStorage.getItem("licman-theme");
  } catch {
    // storage blocked: follow the system
  }
  var dark = choice === "dark" || (choice !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
})();
