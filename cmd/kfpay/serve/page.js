// kfpay serve's page: the forms are sent without leaving the page, so the
// files chosen stay chosen (fix one and run again), and files may be
// dropped on their field. Without this script the forms still work.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.kf").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      // The token is the form's first field: the server requires it first.
      var data = new FormData(form, e.submitter);
      document.body.classList.add("busy");
      // getAttribute: form.action would be the button named "action".
      fetch(form.getAttribute("action"), { method: "POST", body: data })
        .then(function (resp) {
          return resp.text().then(function (text) {
            var html = (resp.headers.get("Content-Type") || "").indexOf("text/html") === 0;
            // A month's run may have written a payout the settlement can use.
            var ids = form.getAttribute("action") === "/month" ? ["result", "files", "folder-payouts"] : ["result", "files"];
            show(ids, html ? text : null, html ? null : text);
          });
        })
        .catch(function (err) { show([], null, "无法连接 kfpay：" + err + "。kfpay 可能已经结束。"); })
        .finally(function () { document.body.classList.remove("busy"); });
    });
  });
  document.querySelectorAll("label.drop").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      var dt = new DataTransfer();
      for (var i = 0; i < e.dataTransfer.files.length && (input.multiple || i < 1); i++) {
        dt.items.add(e.dataTransfer.files[i]);
      }
      input.files = dt.files;
    });
  });
});

// show puts the result of a run in place: the parts named by ids of the
// page the server sent back (html), or a refusal's sentence (text).
function show(ids, html, text) {
  var result = document.getElementById("result");
  if (html !== null) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    ids.forEach(function (id) {
      var fresh = doc.getElementById(id), old = document.getElementById(id);
      if (fresh && old) { old.replaceWith(fresh); }
    });
  } else {
    result.textContent = "";
    var p = document.createElement("p");
    p.className = "bad";
    p.textContent = text;
    result.appendChild(p);
  }
  document.getElementById("result").scrollIntoView();
}
