// Loaded first: every CSP violation of this page, as the test reads them.
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
