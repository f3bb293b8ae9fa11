// Cadre's own script, the only one the pages load: following a planning job, wide tables
// made scrollable regions a keyboard reaches, and a confirmation before a destructive form. Everything works without
// it (forms post, links navigate); it only saves clicks and reloads.
"use strict";

// A sentence in the reader's language as pieces [text, latin]: a piece in Latin letters (a
// code, or a sentence known only in English) is marked English and left to right.
function say(box, parts) {
  box.replaceChildren(...(parts || []).map(([text, latin]) => {
    if (!latin) {
      return document.createTextNode(text);
    }
    const word = document.createElement("bdi");
    word.lang = "en";
    word.dir = "ltr";
    word.textContent = text;
    return word;
  }));
}

function followJob(card) {
  const statusText = card.querySelector(".job-status");
  const bar = card.querySelector(".job-progress");
  const message = card.querySelector(".job-message");
  const error = card.querySelector(".job-error");
  const done = card.querySelector(".job-done");
  const link = card.querySelector(".job-link");
  const poll = async () => {
    let job;
    try {
      const answer = await fetch(card.dataset.job, { headers: { Accept: "application/json" } });
      if (!answer.ok) {
        return setTimeout(poll, 3000);
      }
      job = await answer.json();
    } catch (_) {
      return setTimeout(poll, 3000); // the server restarts or the network hiccups: try again
    }
    statusText.textContent = job.status_text || job.status;
    card.dataset.state = job.status;
    bar.value = job.progress;
    say(message, job.message);
    if (job.status === "succeeded") {
      bar.value = 1;
      if (job.plan_number) {
        link.href = card.dataset.planLink + job.plan_number;
      }
      done.hidden = false;
    } else if (job.status === "failed" || job.status === "cancelled") {
      error.hidden = !job.error;
      say(error, job.error);
    } else {
      setTimeout(poll, 700);
    }
  };
  poll();
}

// The name of a region: its own label, its table's caption, else the heading before it.
function regionName(box) {
  const labelled = box.querySelector("caption, [aria-label]");
  if (labelled) {
    return labelled.getAttribute("aria-label") || labelled.textContent.trim();
  }
  for (let node = box; node && node !== document.body; node = node.parentElement) {
    for (let before = node.previousElementSibling; before; before = before.previousElementSibling) {
      const heading = before.matches("h1, h2, h3, h4") ? before : before.querySelector("h1, h2, h3, h4");
      if (heading) {
        return heading.textContent.trim();
      }
    }
  }
  return document.title;
}

// A wide table (or a figure) scrolls inside a box of its own, never the page; the box is a
// named region a keyboard can focus and scroll with the arrow keys (WCAG 2.1.1).
function scrollable(element) {
  let box = element;
  if (element.tagName === "TABLE") {
    box = element.closest(".scroll");
    if (!box) {
      box = document.createElement("div");
      box.className = "scroll wrap";
      element.replaceWith(box);
      box.append(element);
    }
  }
  if (!box.hasAttribute("tabindex")) {
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", regionName(box));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-job]").forEach(followJob);
  document.querySelectorAll("table.data, table.calendar").forEach(scrollable);
  document.querySelectorAll(".scroll").forEach(scrollable);
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
});
