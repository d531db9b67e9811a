// After django-otp-webauthn registers a passkey, go on to the page the server named.
document.addEventListener("otp_webauthn.register_complete", () => {
  const target = document.querySelector("[data-done-url]");
  if (target) {
    window.location.assign(target.dataset.doneUrl);
  }
});
