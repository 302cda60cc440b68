// Runs first thing in <body>, so GOV.UK Frontend's JavaScript-enhanced styles apply without a flash.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
