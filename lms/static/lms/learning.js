/* Học Vụ Số: lesson progress that survives a dropped connection, and
 * "Listen to this lesson". Progressive enhancement only: without this file
 * the forms post normally and the listen button stays hidden.
 *
 * While offline, "Mark as done" and knowledge-check answers are kept in
 * localStorage (per learner) and sent as one batch to the JSON endpoint when
 * the connection comes back. Every event carries its UUID, so sending a batch
 * twice records it once.
 */
(function () {
  "use strict";

  var root = document.getElementById("lms-learning");

  function uuid4() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function show(selector, visible) {
    document.querySelectorAll(selector).forEach(function (el) { el.hidden = !visible; });
  }

  /* --- Offline queue --------------------------------------------------- */
  if (root && window.localStorage && window.fetch && window.JSON) {
    var storeKey = "hocvuso:pending-events:" + root.dataset.learner;
    var batchUrl = root.dataset.batchUrl;
    var batchMax = Math.max(1, parseInt(root.dataset.batchMax, 10) || 20);
    var target = root.dataset.lesson ? { lesson: +root.dataset.lesson } : { course: +root.dataset.course };
    var withTarget = function (event) {
      Object.keys(target).forEach(function (key) { event[key] = target[key]; });
      return event;
    };
    var sending = false;

    var csrfInput = document.querySelector("input[name=csrfmiddlewaretoken]");
    var csrfToken = csrfInput ? csrfInput.value : "";

    var load = function () {
      try { return JSON.parse(localStorage.getItem(storeKey)) || []; } catch (e) { return []; }
    };
    var save = function (events) {
      if (events.length) localStorage.setItem(storeKey, JSON.stringify(events));
      else localStorage.removeItem(storeKey);
    };
    var queue = function (event) {
      var events = load();
      if (!events.some(function (e) { return e.id === event.id; })) events.push(event);
      save(events);
      show("[data-lms-offline]", true);
    };

    var flush = function () {
      var events = load();
      if (sending || !events.length || !navigator.onLine) return;
      sending = true;
      var batch = events.slice(0, batchMax);
      fetch(batchUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
        body: JSON.stringify({ events: batch })
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          var sentIds = batch.map(function (e) { return e.id; });
          if (response.ok) {
            save(load().filter(function (e) { return sentIds.indexOf(e.id) < 0; }));
          } else if (response.status === 400 && body.errors) {
            // Events the server refuses will never be accepted: drop them, keep the rest.
            var bad = Object.keys(body.errors).map(function (i) { return batch[+i].id; });
            save(load().filter(function (e) { return bad.indexOf(e.id) < 0; }));
          } else {
            return; // signed out, or the server is unwell: keep everything for later
          }
          if (!load().length) {
            show("[data-lms-offline]", false);
            show("[data-lms-synced]", true);
          }
        });
      }).catch(function () { /* still offline: try again later */ })
        .then(function () {
          sending = false;
          if (load().length && navigator.onLine) window.setTimeout(flush, 1000);
        });
    };

    var offline = function () { return !navigator.onLine; };

    document.querySelectorAll("form[data-lms-complete]").forEach(function (form) {
      form.addEventListener("submit", function (submit) {
        if (!offline()) return;
        submit.preventDefault();
        queue(withTarget({
          id: form.elements.event_id.value,
          verb: "completed",
          occurred_at: new Date().toISOString()
        }));
        form.hidden = true;
        show("[data-lms-pending-done]", true);
      });
    });

    document.querySelectorAll("form.knowledge-check__form").forEach(function (form) {
      form.addEventListener("submit", function (submit) {
        if (!offline() || !form.elements.event_id) return;
        submit.preventDefault();
        var answers = {};
        Array.prototype.forEach.call(form.elements, function (field) {
          if (field.name && field.name.indexOf("q-") === 0 && field.checked) {
            var key = field.name.slice(2);
            (answers[key] = answers[key] || []).push(field.value);
          }
        });
        queue(withTarget({
          id: form.elements.event_id.value,
          verb: "answered",
          answers: answers,
          occurred_at: new Date().toISOString()
        }));
        form.elements.event_id.value = uuid4();
        show("[data-lms-pending-answers]", true);
      });
    });

    window.addEventListener("offline", function () { show("[data-lms-offline]", true); });
    window.addEventListener("online", function () { show("[data-lms-offline]", !!load().length); flush(); });
    if (load().length) show("[data-lms-offline]", true);
    flush();
  }

  /* --- Listen to this lesson ------------------------------------------- */
  var listen = document.querySelector("[data-lms-listen]");
  var synth = window.speechSynthesis;
  if (listen && synth && window.SpeechSynthesisUtterance) {
    var button = listen.querySelector("button");
    var startLabel = button.textContent;
    var voice = null;
    var pickVoice = function () {
      voice = synth.getVoices().filter(function (v) {
        return /^vi([-_]|$)/i.test(v.lang);
      })[0] || null;
      listen.hidden = !voice;
    };
    pickVoice();
    if (synth.addEventListener) synth.addEventListener("voiceschanged", pickVoice);

    var lessonText = function () {
      var article = document.querySelector("article.lesson");
      if (!article) return "";
      var copy = article.cloneNode(true);
      copy.querySelectorAll("form, nav, button, script, [hidden], .lesson-status, .lesson-actions")
        .forEach(function (el) { el.remove(); });
      return copy.innerText || copy.textContent || "";
    };
    var reset = function () { button.textContent = startLabel; };

    button.addEventListener("click", function () {
      if (synth.speaking) { synth.cancel(); reset(); return; }
      var utterance = new SpeechSynthesisUtterance(lessonText());
      utterance.voice = voice;
      utterance.lang = voice ? voice.lang : "vi-VN";
      utterance.rate = 0.9;
      utterance.onend = reset;
      utterance.onerror = reset;
      button.textContent = button.dataset.labelStop;
      synth.speak(utterance);
    });
  }
})();
