// Copy a subscribe link: <button data-copy-target="id" data-copied="…">; announced in a live region.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy-target]");
  if (!button) { return; }
  var input = document.getElementById(button.getAttribute("data-copy-target"));
  var status = document.getElementById(button.getAttribute("data-copy-status"));
  if (!input) { return; }
  var done = function () { if (status) { status.textContent = button.getAttribute("data-copied"); } };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
  } else {
    input.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* the text stays selected */ }
  }
});
