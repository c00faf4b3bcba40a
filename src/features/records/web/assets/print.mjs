// "Print this chronology": a button that opens the browser's print dialogue. Without JavaScript the
// page says how to print instead, so nothing depends on this file.
for (const container of document.querySelectorAll("[data-app-print]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
  button.textContent = container.getAttribute("data-app-print") || "Print";
  button.addEventListener("click", () => window.print());
  container.replaceChildren(button);
}
