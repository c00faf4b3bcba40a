// Kept out of the page so the Content-Security-Policy can forbid inline script (see layout.njk).
document.body.className += ` js-enabled${"noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : ""}`;
