// The door of an event: where the browser has a barcode detector, the
// camera reads the learner's QR code and sends the form. Without it, staff
// type or paste the code, or find the name: the page works without this file.
(function () {
  "use strict";
  var form = document.querySelector("[data-door-code]");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var box = form.querySelector("[data-door-camera]");
  var button = form.querySelector("[data-door-scan]");
  var video = form.querySelector("[data-door-video]");
  var input = form.querySelector("input[name=code]");
  box.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        button.hidden = true;
        return video.play().then(function () {
          function look() {
            detector.detect(video).then(function (codes) {
              if (codes.length) {
                stream.getTracks().forEach(function (track) { track.stop(); });
                input.value = codes[0].rawValue;
                form.submit();
              } else {
                window.setTimeout(look, 250);
              }
            }, function () { window.setTimeout(look, 500); });
          }
          look();
        });
      })
      .catch(function () { box.hidden = true; input.focus(); });
  });
})();
