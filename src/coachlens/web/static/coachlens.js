/* coachlens pages: small progressive enhancements. Every page works without this file:
   - job status: polls /sessions/<id>/status and updates the progress bar (without JS: meta refresh)
   - upload: drag and drop onto the file picker, a list of the chosen files
   - transcript: filter by competency or marker without reloading (without JS: the form's GET)
   - marker links: opening a marker's finding when a highlight links to it */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var POLL_MS = 1000;

  function pollStatus(element) {
    var url = element.getAttribute("data-status-url");
    var mode = element.getAttribute("data-on-done") || "reload";
    var fill = element.querySelector(".progress-fill");
    var bar = element.querySelector("[role=progressbar]");
    var stage = element.querySelector(".job-stage, [data-status-stage]");
    var badge = element.querySelector("[data-status-badge]");
    var errorBox = element.querySelector(".job-error");
    var wasActive = false;

    function show(doc) {
      if (fill) { fill.style.width = Math.max(4, doc.progress || 0) + "%"; }
      if (bar) { bar.setAttribute("aria-valuenow", String(doc.progress || 0)); }
      if (stage && doc.status !== "done" && doc.status !== "failed") { stage.textContent = doc.stage_label; }
      if (badge) {
        var labels = { queued: "Waiting", running: "Assessing…", done: "Assessed", failed: "Failed" };
        badge.textContent = labels[doc.status] || doc.status;
        badge.className = "badge job-" + doc.status;
      }
    }

    function tick() {
      fetch(url, { headers: { accept: "application/json" }, cache: "no-store" })
        .then(function (response) {
          if (!response.ok) { throw new Error("status " + response.status); }
          return response.json();
        })
        .then(function (doc) {
          show(doc);
          if (doc.status === "queued" || doc.status === "running") {
            wasActive = true;
            window.setTimeout(tick, POLL_MS);
            return;
          }
          if (mode === "reload") {
            if (wasActive || doc.status === "done") { window.location.reload(); }
            return;
          }
          if (doc.status === "failed" && stage) { stage.textContent = doc.error || "the assessment failed"; }
          if (doc.status === "failed" && errorBox) { errorBox.textContent = doc.error; errorBox.hidden = false; }
        })
        .catch(function () { window.setTimeout(tick, POLL_MS * 3); });
    }
    tick();
  }

  function formatBytes(bytes) {
    if (bytes < 1024) { return bytes + " B"; }
    if (bytes < 1024 * 1024) { return Math.round(bytes / 1024) + " KB"; }
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function setUpUpload(form) {
    var zone = form.querySelector("[data-dropzone]");
    var input = form.querySelector("input[type=file]");
    var list = form.querySelector("[data-file-list]");
    var submit = form.querySelector("[data-submit]");
    if (!zone || !input || !list) { return; }

    var maxBytes = Number(form.getAttribute("data-max-bytes")) || 0;
    var maxFiles = Number(form.getAttribute("data-max-files")) || 0;

    // Say before uploading what the server would refuse: a file over the limit, too many files.
    function render() {
      list.textContent = "";
      var problems = 0;
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = file.name;
        var size = document.createElement("span");
        size.className = "muted";
        size.textContent = formatBytes(file.size);
        if (maxBytes && file.size > maxBytes) {
          item.className = "too-big";
          size.textContent = formatBytes(file.size) + ": over the " + formatBytes(maxBytes) + " limit";
          problems += 1;
        }
        item.appendChild(name);
        item.appendChild(size);
        list.appendChild(item);
      });
      if (maxFiles && input.files.length > maxFiles) {
        var note = document.createElement("li");
        note.className = "too-big";
        note.textContent = input.files.length + " files chosen; upload at most " + maxFiles + " at a time";
        list.appendChild(note);
        problems += 1;
      }
      if (submit) { submit.disabled = problems > 0; }
    }

    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "dragend"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("dragging");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        render();
      }
    });
    input.addEventListener("change", render);
    form.addEventListener("submit", function () {
      if (submit) {
        submit.disabled = true;
        submit.textContent = "Uploading…";
      }
    });
    render();
  }

  function setUpTranscriptFilter(form) {
    var competency = form.querySelector("select[name=competency]");
    var marker = form.querySelector("select[name=marker]");
    var status = form.querySelector(".filter-status");
    var container = document.querySelector(".turns");
    if (!competency || !marker || !container) { return; }
    var turns = container.querySelectorAll(".turn");

    function apply(updateUrl) {
      var wantedMarker = marker.value;
      var wantedCompetency = competency.value;
      var shown = 0;
      var previousMatched = false;
      var filtering = Boolean(wantedMarker || wantedCompetency);
      Array.prototype.forEach.call(turns, function (turn) {
        var markers = (turn.getAttribute("data-markers") || "").split(" ");
        var competencies = (turn.getAttribute("data-competencies") || "").split(" ");
        var visible = (!wantedMarker || markers.indexOf(wantedMarker) >= 0) &&
          (!wantedCompetency || competencies.indexOf(wantedCompetency) >= 0);
        // The reply right after a matching turn stays, dimmed: evidence is read with its answer.
        var context = filtering && !visible && previousMatched;
        turn.hidden = !visible && !context;
        turn.classList.toggle("context", context);
        previousMatched = visible;
        if (visible) { shown += 1; }
        Array.prototype.forEach.call(turn.querySelectorAll("mark.ev"), function (mark) {
          var own = (mark.getAttribute("data-markers") || "").split(" ");
          var matches = wantedMarker ? own.indexOf(wantedMarker) >= 0 : true;
          mark.classList.toggle("other", !matches);
        });
      });
      container.classList.toggle("filtered", filtering);
      if (status) {
        status.textContent = filtering
          ? "Showing " + shown + " of " + turns.length + " turns with evidence for " +
            (wantedMarker ? "marker " + wantedMarker : "competency " + wantedCompetency) + ", each with the reply after it."
          : "";
      }
      if (updateUrl && window.history.replaceState) {
        var params = new URLSearchParams(window.location.search);
        params.delete("marker");
        params.delete("competency");
        if (wantedMarker) { params.set("marker", wantedMarker); }
        if (wantedCompetency) { params.set("competency", wantedCompetency); }
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + "#transcript");
      }
    }

    marker.addEventListener("change", function () { apply(true); });
    competency.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    apply(false);

    // Following a link to evidence the filter hides: clear the filter so the line can be seen.
    form.clearFilter = function () {
      marker.value = "";
      competency.value = "";
      apply(true);
    };
  }

  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var target = document.getElementById(id);
    if (!target) { return; }
    var row = target.closest(".marker-row");
    if (row) {
      var details = row.querySelector("details");
      if (details) { details.open = true; }
    }
    var turn = target.closest(".turn");
    if (turn && turn.hidden) {
      var form = document.querySelector("[data-transcript-filter]");
      if (form && form.clearFilter) { form.clearFilter(); }
      target.scrollIntoView();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-status-url]"), pollStatus);
    Array.prototype.forEach.call(document.querySelectorAll("[data-upload-form]"), setUpUpload);
    Array.prototype.forEach.call(document.querySelectorAll("[data-transcript-filter]"), setUpTranscriptFilter);
    revealTarget();
  });
  window.addEventListener("hashchange", revealTarget);
})();
