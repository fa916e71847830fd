// The review pages' one script: the live number check (and the unit's other checks) while the
// English is edited, and the "Use" buttons that put one of the model's alternatives into the edit
// box. Text only ever reaches the page through textContent: nothing the server or an article says
// is parsed as HTML.
"use strict";
(function () {
  const root = document.getElementById("review");
  if (!root) return;
  const token = root.dataset.csrf;
  const timers = new WeakMap();
  const asked = new WeakMap();

  function describe(n) {
    if (n.status === "verified") return "✓ verified: " + n.ar + " = " + n.en;
    if (n.status === "missing") return "⚠ missing: " + n.ar + " is not in the English";
    if (n.status === "extra") return "⚠ extra: " + n.en + " is not in the Arabic";
    return "⚠ changed: " + n.ar + " became " + n.en;
  }

  function show(box, data) {
    box.replaceChildren();
    const head = document.createElement("p");
    if (data.error) {
      head.className = "status flagged";
      head.textContent = data.error;
      box.append(head);
      return;
    }
    head.className = "status " + (data.ok ? "verified" : "flagged");
    head.textContent = data.numbers.length === 0 ? "No numbers to check" :
      (data.ok ? "✓ numbers verify" : "⚠ numbers do not verify");
    box.append(head);
    const list = document.createElement("ul");
    for (const n of data.numbers) {
      const item = document.createElement("li");
      item.className = "status " + (n.status === "verified" ? "verified" : "flagged");
      item.dataset.status = n.status;
      item.textContent = describe(n);
      list.append(item);
    }
    box.append(list);
    const flags = data.checks || [];
    if (flags.length) {
      const others = document.createElement("ul");
      others.className = "checks";
      for (const f of flags) {
        const item = document.createElement("li");
        item.className = "status flagged check";
        item.dataset.check = f.check;
        item.textContent = "⚠ " + f.check + ": " + f.note;
        others.append(item);
      }
      box.append(others);
    }
  }

  async function check(area) {
    const box = document.getElementById(area.dataset.live);
    const mine = (asked.get(area) || 0) + 1;
    asked.set(area, mine);
    box.dataset.state = "checking";
    let data;
    try {
      const response = await fetch("/api/check", {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
        body: JSON.stringify({stem: area.dataset.stem, unit: area.dataset.unit, en: area.value}),
      });
      data = await response.json();
    } catch (error) {
      data = {error: "the number check could not be reached (" + error + ")"};
    }
    if (asked.get(area) !== mine) return;  // a later edit's answer is on its way
    show(box, data);
    box.dataset.state = "done";
  }

  document.addEventListener("input", function (event) {
    const area = event.target;
    if (!area.matches || !area.matches("textarea.edit-en")) return;
    clearTimeout(timers.get(area));
    timers.set(area, setTimeout(function () { check(area); }, 200));
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest ? event.target.closest("button.use") : null;
    if (!button) return;
    const area = document.getElementById(button.dataset.target);
    area.value = button.dataset.text;
    area.focus();
    area.dispatchEvent(new Event("input", {bubbles: true}));
  });
})();
