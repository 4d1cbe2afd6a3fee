// Polls an import job's status and updates the page; without JavaScript the
// page offers a refresh link instead.
(function () {
  var box = document.getElementById("job-progress");
  if (!box || !box.dataset.active) return;
  var refresh = document.getElementById("job-refresh");
  if (refresh) refresh.textContent = "This page updates itself while the import runs.";
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        document.getElementById("job-status-text").textContent = job.status_text;
        // A job may say its progress in its own words (an agenda pack's pages).
        document.getElementById("job-rows").textContent = job.progress_text || (job.rows_total
          ? job.rows_read + " of " + job.rows_total + " rows read (" + job.percent + "%)"
          : "Counting the rows");
        document.getElementById("job-bar").value = job.percent;
        if (job.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
