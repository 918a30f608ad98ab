/* coachlens practice chat: send a coach turn without reloading the page. Without this file the form
   posts and the page reloads at the newest turn; the result is the same. */
(function () {
  "use strict";
  var root = document.querySelector("[data-practice]");
  if (!root) { return; }
  var form = root.querySelector("[data-say-form]");
  var box = root.querySelector("[data-say-text]");
  var chat = root.querySelector("[data-chat]");
  var button = root.querySelector("[data-say-button]");
  var errorLine = root.querySelector("[data-say-error]");
  var endButton = document.querySelector("[data-end-button]");
  var busy = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Marker ids in a hint ("6.3") link to the marker's library page, as on the server-rendered page.
  function hintLine(hint) {
    var line = el("li", "hint hint-" + hint.kind);
    hint.text.split(/(\b[3-8]\.[1-9]\b)/).forEach(function (part, index) {
      if (index % 2 === 1) {
        var link = el("a", "marker-id", part);
        link.href = "/library/markers/" + part;
        line.appendChild(link);
      } else if (part) {
        line.appendChild(document.createTextNode(part));
      }
    });
    return line;
  }

  function bubble(role, who, text, hints) {
    var item = el("li", "bubble " + role);
    item.appendChild(el("span", "who", who));
    item.appendChild(el("span", "said", text));
    if (hints && hints.length) {
      var list = el("ul", "hints");
      hints.forEach(function (hint) {
        list.appendChild(hintLine(hint));
      });
      item.appendChild(list);
    }
    return item;
  }

  function showTrust(doc) {
    if (doc.trust === null || doc.trust === undefined) { return; }
    var value = Math.round(doc.trust);
    var fill = document.querySelector("[data-trust-fill]");
    var meter = document.querySelector("[data-trust-meter]");
    var number = document.querySelector("[data-trust-value]");
    var layer = document.querySelector("[data-layer]");
    if (fill) { fill.style.width = value + "%"; }
    if (meter) { meter.setAttribute("aria-valuenow", String(value)); }
    if (number) { number.textContent = String(value); }
    if (layer && doc.layer) { layer.textContent = String(doc.layer); }
  }

  function send(event) {
    event.preventDefault();
    if (busy) { return; }
    busy = true;
    button.disabled = true;
    errorLine.hidden = true;
    var data = new FormData(form);
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (doc) { return { ok: response.ok, doc: doc }; });
    }).then(function (result) {
      if (!result.ok) { throw new Error(result.doc.detail || "the turn could not be sent"); }
      var doc = result.doc;
      var empty = chat.querySelector("[data-chat-empty]");
      if (empty) { empty.remove(); }
      var previous = chat.querySelector("#latest");
      if (previous) { previous.removeAttribute("id"); }
      chat.appendChild(bubble("coach", "You", doc.coach.text, doc.hints));
      var reply = bubble("client", doc.client.name, doc.client.text, []);
      reply.id = "latest";
      chat.appendChild(reply);
      showTrust(doc);
      box.value = "";
      if (endButton) { endButton.disabled = false; }
      reply.scrollIntoView({ block: "nearest" });
      box.focus();
    }).catch(function (error) {
      errorLine.textContent = String(error.message || error);
      errorLine.hidden = false;
    }).then(function () {
      busy = false;
      button.disabled = false;
    });
  }

  form.addEventListener("submit", send);
  var endForm = document.querySelector("[data-end-form]");
  if (endForm && endButton) {
    endForm.addEventListener("submit", function () {
      // The debrief assesses the whole transcript; say so while the next page is being prepared.
      window.setTimeout(function () {
        endButton.disabled = true;
        endButton.textContent = "Assessing the transcript…";
      }, 0);
    });
  }
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { send(event); }
  });
  var latest = document.getElementById("latest");
  if (latest) { latest.scrollIntoView({ block: "nearest" }); }
})();
