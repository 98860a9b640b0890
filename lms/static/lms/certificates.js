// Show the "Print" button only where JavaScript can print; without it the
// page says to use the browser's Print menu.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
