// Marks the page as able to run govuk-frontend's JavaScript, before anything is drawn (no inline script).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
