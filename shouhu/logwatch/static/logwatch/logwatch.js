// Ask before submitting forms marked .js-confirm (turning an alert into an incident, deleting a source).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.classList.contains("js-confirm")) {
    if (!window.confirm(form.dataset.confirm || "確定？")) event.preventDefault();
  }
});
