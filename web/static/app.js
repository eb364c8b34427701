// app.js: small progressive enhancements; every page works without it.
document.addEventListener("DOMContentLoaded", function () {
  // Focus the first field that needs correcting after a failed submit.
  var bad = document.querySelector("[aria-invalid=true]");
  if (bad) bad.focus();
});
