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

  // Read-only secrets: select the whole value on focus or click.
  document.querySelectorAll("input[data-select-on-focus]").forEach(function (input) {
    var select = function () { input.select(); };
    input.addEventListener("focus", select);
    input.addEventListener("click", select);
  });

  // Copy buttons (hidden without JavaScript): copy the value of the input
  // named by data-copy, and say whether it worked.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector("[data-copy-status]");
    if (!input || !navigator.clipboard || !window.isSecureContext) {
      return; // no clipboard API: selecting the key is the way
    }
    var say = function (text) {
      if (status) {
        status.textContent = text;
      }
    };
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = "Copied";
        say("The key is copied to the clipboard.");
      }, function () {
        input.focus();
        input.select();
        say("Copying was not allowed: the key is selected, copy it with your keyboard or menu.");
      });
    });
  });
});
