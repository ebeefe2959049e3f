import { initAll } from '/lib/govuk-frontend/govuk-frontend.min.js';

// govuk-frontend marks a radio that reveals a follow-up question with aria-expanded, which ARIA does not allow on a
// radio (alphagov/govuk-frontend#979, a known issue they keep on purpose). We keep to the specification instead: the
// attribute is taken off as soon as it is put on. The revealed question follows its radio directly, so whoever moves
// through the form meets it next, and aria-controls still ties the two together.
new MutationObserver(function (changes) {
  changes.forEach(function (change) {
    var element = change.target;
    if (element.matches('input[type="radio"]') && element.hasAttribute('aria-expanded')) {
      element.removeAttribute('aria-expanded');
    }
  });
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-expanded'] });

initAll();
