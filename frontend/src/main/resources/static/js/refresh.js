// Reloads a page of live state every data-seconds seconds, unless the user is busy in one of its forms.
(function () {
  const seconds = Number(document.currentScript.dataset.seconds);
  setInterval(function () {
    const active = document.activeElement;
    if (!active || !active.closest('form')) {
      location.reload();
    }
  }, seconds * 1000);
})();
