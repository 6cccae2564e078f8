/* The case pages' behaviour, without inline scripts: photos uploaded as soon as they are chosen, the
   phone's position, and the staff queue's keyboard (j/k move, x select, d dispatch, o open, / search).
   Everything works without this file too: photos then go with the form, places are chosen by hand. */
(function () {
  "use strict";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  /* Photos: each chosen file is uploaded at once and comes back as a thumbnail with its hidden id. */
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-photo-upload]")) return;
    var list = document.getElementById(input.dataset.photoList);
    var files = Array.prototype.slice.call(input.files || []);
    if (!list || !files.length || !window.fetch) return;
    input.value = "";
    files.forEach(function (file) {
      var body = new FormData();
      body.append("photo", file);
      list.classList.add("uploading");
      fetch(input.dataset.photoUpload, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" },
      })
        .then(function (response) { return response.text(); })
        .then(function (html) { list.insertAdjacentHTML("beforeend", html); })
        .finally(function () { list.classList.remove("uploading"); });
    });
  });

  document.addEventListener("click", function (event) {
    var remove = event.target.closest && event.target.closest("[data-photo-remove]");
    if (remove) {
      event.preventDefault();
      remove.closest(".photo-item").remove();
    }
  });

  /* The phone's position, into the form's hidden lat/lng fields. */
  function locate(el) {
    var lat = document.getElementById(el.dataset.lat);
    var lng = document.getElementById(el.dataset.lng);
    var status = document.getElementById(el.dataset.status);
    var say = function (text) { if (status) status.textContent = text || ""; };
    if (!lat || !lng) return;
    if (!navigator.geolocation) { say(el.dataset.failed); return; }
    say(el.dataset.working);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lng.value = position.coords.longitude.toFixed(6);
        var placed = fillPlace(el, position.coords.latitude, position.coords.longitude);
        say(placed ? el.dataset.placed + " " + placed : el.dataset.found + " " + lat.value + ", " + lng.value);
      },
      function () { say(el.dataset.failed); },
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 }
    );
  }

  /* Distance in metres between two points (haversine), to name the nearest estate at once. */
  function metres(aLat, aLng, bLat, bLng) {
    var rad = Math.PI / 180;
    var dLat = (bLat - aLat) * rad;
    var dLng = (bLng - aLng) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.pow(Math.sin(dLng / 2), 2);
    return 2 * 6371000 * Math.asin(Math.sqrt(h));
  }

  function nearest(points, lat, lng) {
    var best = null;
    var bestDistance = Infinity;
    (points || []).forEach(function (p) {
      var d = metres(lat, lng, p.lat, p.lng);
      if (d < bestDistance) { best = p; bestDistance = d; }
    });
    return best;
  }

  /* The place select filled from the position: "where I am now" (the server places the report in the
     nearest estate, named here), or else the nearest of the listed places that has a position. Returns the
     name of the place chosen, or "". A place the user chose himself is left alone. */
  function fillPlace(el, lat, lng) {
    var select = document.getElementById(el.dataset.place || "");
    var data = document.getElementById(el.dataset.positions || "");
    if (!select || !data) return "";
    var positions;
    try { positions = JSON.parse(data.textContent); } catch (e) { return ""; }
    if (select.value && select.value !== "nearest") return "";
    var here = select.querySelector("option[value=nearest]");
    var estate = nearest(positions.estates, lat, lng);
    if (here && estate) {
      select.value = "nearest";
      return estate.name;
    }
    var place = nearest(positions.places, lat, lng);
    if (place && select.querySelector('option[value="' + place.id + '"]')) {
      select.value = String(place.id);
      return place.name;
    }
    return "";
  }

  /* The resident's categories: the main ones first, every one (with its keywords) found by search. */
  function filterCategories(picker) {
    var input = picker.querySelector("[data-category-search]");
    var words = (input ? input.value : "").trim().toLowerCase();
    var shown = 0;
    picker.querySelectorAll(".category-option").forEach(function (option) {
      var checked = option.querySelector("input").checked;
      var match = words ? option.dataset.search.toLowerCase().indexOf(words) >= 0
        : !option.classList.contains("sub") || checked;
      option.hidden = !match;
      if (match) shown += 1;
    });
    var none = picker.querySelector("[data-category-none]");
    if (none) none.hidden = shown > 0;
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-category-search]")) {
      filterCategories(event.target.closest("[data-category-picker]"));
    }
  });

  document.querySelectorAll("[data-category-picker]").forEach(filterCategories);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-locate]");
    if (button) { event.preventDefault(); locate(button); }
  });

  function autoLocate(root) {
    (root || document).querySelectorAll("[data-locate-auto]").forEach(function (el) {
      var lat = document.getElementById(el.dataset.lat);
      if (lat && !lat.value) locate(el);
    });
  }

  /* The staff queue: a cursor row moved with j/k, x selects it, d dispatches the selection. */
  var cursor = -1;

  function rows() {
    var table = document.querySelector("[data-keyboard-table]");
    return table ? Array.prototype.slice.call(table.querySelectorAll("tr[data-row]")) : [];
  }

  function moveTo(index) {
    var all = rows();
    if (!all.length) return;
    cursor = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (row, i) { row.classList.toggle("cursor", i === cursor); });
    all[cursor].scrollIntoView({ block: "nearest" });
  }

  function countSelected() {
    var counter = document.querySelector("[data-selected-count]");
    if (!counter) return;
    var n = document.querySelectorAll("input[name=cases]:checked").length;
    counter.textContent = n ? counter.dataset.template.replace("{n}", n) : "";
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-select-all]")) {
      document.querySelectorAll("input[name=cases]").forEach(function (box) { box.checked = event.target.checked; });
    }
    if (event.target.name === "cases" || (event.target.matches && event.target.matches("[data-select-all]"))) {
      countSelected();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!document.querySelector("[data-keyboard-table]")) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var all = rows();
    var row = all[cursor];
    if (event.key === "j") { moveTo(cursor + 1); event.preventDefault(); }
    else if (event.key === "k") { moveTo(cursor - 1); event.preventDefault(); }
    else if (event.key === "x" && row) {
      var box = row.querySelector("input[name=cases]");
      if (box) { box.checked = !box.checked; countSelected(); }
      event.preventDefault();
    } else if ((event.key === "o" || event.key === "Enter") && row) {
      window.location.href = row.dataset.href;
      event.preventDefault();
    } else if (event.key === "d") {
      var form = document.getElementById("bulk-form");
      if (form && document.querySelectorAll("input[name=cases]:checked").length) {
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      } else if (form) {
        form.querySelector("select").focus();
      }
      event.preventDefault();
    } else if (event.key === "/") {
      var search = document.getElementById("id_q");
      if (search) { search.focus(); event.preventDefault(); }
    }
  });

  /* A refused step comes back as 400, 403 or 409 with its form and the reason: swap it in like a 200. */
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 400 || status === 403 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("DOMContentLoaded", function () { autoLocate(document); });
  document.body && document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "queue-results") { cursor = -1; countSelected(); }
    autoLocate(event.target);
  });
})();
