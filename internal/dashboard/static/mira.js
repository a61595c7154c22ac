// Mira dashboard: progressive enhancement only; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // User-code inputs: upper case, letters only, shown as XXXX-XXXX.
  document.querySelectorAll("input[data-user-code]").forEach(function (input) {
    input.addEventListener("input", function () {
      var letters = input.value.toUpperCase().replace(/[^A-Z]/g, "").slice(0, 8);
      var formatted = letters.length > 4 ? letters.slice(0, 4) + "-" + letters.slice(4) : letters;
      if (formatted !== input.value) {
        input.value = formatted;
      }
    });
  });
});
