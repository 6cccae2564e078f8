/* The rest-station map: "use my position" fills the form's latitude and longitude from the phone and
   submits it, so the stations come back nearest first (P001-46). Without the script (or without a
   position) the courier types them in. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-locate-nearest]");
    if (!button) return;
    event.preventDefault();
    var form = button.closest("form");
    var status = document.getElementById(button.dataset.status);
    var say = function (text) { if (status) status.textContent = text || ""; };
    if (!navigator.geolocation || !form) { say(button.dataset.failed); return; }
    say(button.dataset.working);
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(6);
        form.elements.lng.value = position.coords.longitude.toFixed(6);
        form.submit();
      },
      function () { button.disabled = false; say(button.dataset.failed); },
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 }
    );
  });
})();
