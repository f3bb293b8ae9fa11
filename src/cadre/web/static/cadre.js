// Cadre's own script, the only one the pages load: following a planning job, selects that
// apply themselves, and a confirmation before a destructive form. Everything works without
// it (forms post, links navigate); it only saves clicks and reloads.
"use strict";

function followJob(card) {
  const statusText = card.querySelector(".job-status");
  const bar = card.querySelector(".job-progress");
  const message = card.querySelector(".job-message bdi");
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
    statusText.textContent = card.dataset["status" + job.status[0].toUpperCase() + job.status.slice(1)] || job.status;
    card.dataset.state = job.status;
    bar.value = job.progress;
    message.textContent = job.message || "";
    if (job.status === "succeeded") {
      bar.value = 1;
      if (job.plan_number) {
        link.href = card.dataset.planLink + job.plan_number;
      }
      done.hidden = false;
    } else if (job.status === "failed" || job.status === "cancelled") {
      error.hidden = !job.error;
      error.querySelector("bdi").textContent = job.error || "";
    } else {
      setTimeout(poll, 700);
    }
  };
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-job]").forEach(followJob);
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
});
